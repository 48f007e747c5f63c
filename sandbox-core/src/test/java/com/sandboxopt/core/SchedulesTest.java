package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules on a real sandbox with an H2 file: firings on time, overlap, pause, versions, chains, bad input. */
class SchedulesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Sandbox sandbox;
    private static Model quick;
    private static Model slow;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).poolSize(2).build();
        quick = TestSandbox.upload(sandbox, "quick.py", ModelType.DMO, "print('fired')\n");
        slow = TestSandbox.upload(sandbox, "slow.py", ModelType.RMO, "import time\ntime.sleep(5)\nprint('done')\n");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aSixFieldCronFiresEachTimeWithOneJobThatRecordsItsFireTime() {
        Schedule schedule = sandbox.schedules().create(ScheduleDraft.cron("every two seconds", quick.id(), "*/2 * * * * *"));
        assertThat(schedule.nextRuns()).hasSize(5);
        assertThat(Duration.between(schedule.nextRuns().get(0), schedule.nextRuns().get(1))).isEqualTo(Duration.ofSeconds(2));

        await().atMost(WAIT).until(() -> jobsOf(schedule).size() >= 3);
        sandbox.schedules().delete(schedule.id());

        List<Job> jobs = jobsOf(schedule);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.origin().scheduleId()).isEqualTo(schedule.id());
            assertThat(job.origin().scheduledFor().getEpochSecond() % 2).isZero();
            // generous: the engine looks every half second; the benchmark measures the delay itself
            assertThat(Duration.between(job.origin().scheduledFor(), job.times().createdAt())).isLessThan(Duration.ofSeconds(5));
        });
        assertThat(jobs).extracting(j -> j.origin().scheduledFor()).doesNotHaveDuplicates();
        assertThat(sandbox.schedules().find(schedule.id())).isEmpty();
    }

    @Test
    void overlapSkipNeverRunsTwoAtOnceAndRecordsWhy() {
        Schedule schedule = sandbox.schedules().create(ScheduleDraft.cron("slow", slow.id(), "*/2 * * * * *"));

        await().atMost(WAIT).until(() -> sandbox.schedules().get(schedule.id()).skipped().size() >= 2);
        await().atMost(WAIT).until(() -> jobsOf(schedule).size() >= 2 && jobsOf(schedule).get(0).status().isFinal());
        sandbox.schedules().pause(schedule.id());

        List<Job> jobs = jobsOf(schedule).stream().filter(j -> j.status().isFinal())
                .sorted(Comparator.comparing(j -> j.times().createdAt())).toList();
        for (int i = 1; i < jobs.size(); i++) {
            assertThat(jobs.get(i).times().createdAt()).as("job %d starts after job %d ended", i, i - 1)
                    .isAfterOrEqualTo(jobs.get(i - 1).times().finishedAt());
        }
        assertThat(sandbox.schedules().get(schedule.id()).skipped().get(0).reason()).contains("still runs");
    }

    @Test
    void aPausedScheduleFiresNoMoreUntilResumed() throws InterruptedException {
        Schedule schedule = sandbox.schedules().create(ScheduleDraft.cron("paused", quick.id(), "* * * * * *"));
        await().atMost(WAIT).until(() -> !jobsOf(schedule).isEmpty());

        Schedule paused = sandbox.schedules().pause(schedule.id());
        Thread.sleep(1_000); // a firing under way may still end
        int before = jobsOf(schedule).size();
        Thread.sleep(3_000);

        assertThat(paused.enabled()).isFalse();
        assertThat(paused.nextRuns()).isEmpty();
        assertThat(jobsOf(schedule)).hasSize(before);
        sandbox.schedules().resume(schedule.id());
        await().atMost(WAIT).until(() -> jobsOf(schedule).size() > before);
        sandbox.schedules().delete(schedule.id());
    }

    @Test
    void followingTheLatestTakesANewVersionAndPinningKeepsTheOld() {
        Model v1 = TestSandbox.upload(sandbox, "versioned.py", ModelType.SO, "print('v1')\n");
        Schedule following = sandbox.schedules().create(ScheduleDraft.cron("follows", v1.id(), "0 0 6 * * *"));
        Schedule pinned = sandbox.schedules().create(ScheduleDraft.cron("pinned", v1.id(), "0 0 6 * * *")
                .withFollowLatest(false));
        Model v2 = TestSandbox.upload(sandbox, "versioned.py", ModelType.SO, "print('v2')\n");

        assertThat(sandbox.schedules().get(following.id()).nextModelId()).isEqualTo(v2.id());
        assertThat(sandbox.schedules().get(pinned.id()).nextModelId()).isEqualTo(v1.id());
        Job ran = sandbox.schedules().runNow(following.id()).await(WAIT);
        assertThat(ran.model().id()).isEqualTo(v2.id());
        assertThat(ran.times().deadline()).as("no deadline on the schedule, none on its jobs").isNull();
        assertThat(ran.origin().scheduleId()).isEqualTo(following.id());
        assertThat(sandbox.schedules().get(following.id()).lastJob().id()).isEqualTo(ran.id());
        sandbox.schedules().delete(following.id());
        sandbox.schedules().delete(pinned.id());
    }

    @Test
    void aScheduleAfterAnotherRunsWhenThatOnesJobSucceeds() {
        Schedule first = sandbox.schedules().create(ScheduleDraft.cron("first", quick.id(), "0 0 6 * * *")
                .withTimezone("Europe/Berlin"));
        Schedule second = sandbox.schedules().create(ScheduleDraft.after("second", quick.id(), first.id())
                .withConfig(Map.of("step", 2)));
        assertThat(second.nextRuns()).isEmpty();

        Job upstream = sandbox.schedules().runNow(first.id()).await(WAIT);
        await().atMost(WAIT).until(() -> !jobsOf(second).isEmpty() && jobsOf(second).get(0).status().isFinal());

        Job downstream = jobsOf(second).get(0);
        assertThat(downstream.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(downstream.origin().scheduledFor()).isEqualTo(upstream.times().finishedAt());
        assertThat(downstream.inputs().config()).containsEntry("step", 2);
        assertThatThrownBy(() -> sandbox.schedules().delete(first.id())).hasMessageContaining("second");
        assertThatThrownBy(() -> sandbox.schedules().replace(first.id(), ScheduleDraft.after("first", quick.id(),
                second.id()))).hasMessageContaining("cycle");
        sandbox.schedules().delete(second.id());
        sandbox.schedules().delete(first.id());
    }

    @Test
    void aChainHandsEachJobsOutputToTheNextAsADataSourceVersionWithItsLineage() {
        Model producer = TestSandbox.upload(sandbox, "producer.py", ModelType.DMO, """
                import os
                os.makedirs("output/plots", exist_ok=True)
                with open("output/prices.csv", "w") as f:
                    f.write("hour,price\\n1,42.5\\n")
                with open("output/plots/day.svg", "w") as f:
                    f.write("<svg/>")
                """);
        Model consumer = TestSandbox.upload(sandbox, "consumer.py", ModelType.RMO, """
                with open("data/prices.csv") as f:
                    print("read", f.read().splitlines()[1])
                """);
        Schedule first = sandbox.schedules().create(ScheduleDraft.cron("dmo", producer.id(), "0 0 6 * * *")
                .withPublishAs("chain-prices"));
        // made before the first run: the data source it reads is what the first one publishes
        Schedule second = sandbox.schedules().create(ScheduleDraft.after("rmo", consumer.id(), first.id())
                .withDataSourceId("chain-prices"));

        Job upstream = sandbox.schedules().runNow(first.id()).await(WAIT);
        await().atMost(WAIT).until(() -> !jobsOf(second).isEmpty() && jobsOf(second).get(0).status().isFinal());

        assertThat(upstream.status()).as(String.valueOf(upstream.error())).isEqualTo(JobStatus.SUCCESS);
        DataSource published = sandbox.dataSources().get("chain-prices");
        assertThat(published.producedBy()).isEqualTo(upstream.id());
        assertThat(published.files()).extracting(DataFile::name).containsExactly("prices.csv");
        assertThat(published.files().get(0).sha256()).isEqualTo(sandbox.jobs().artifact(upstream.id(), "prices.csv").sha256());
        assertThat(TestSandbox.messages(sandbox, upstream)).anySatisfy(m -> assertThat(m).contains("output/plots/day.svg"))
                .anySatisfy(m -> assertThat(m).contains("Published output/ as data source chain-prices version 1"));
        Job downstream = jobsOf(second).get(0);
        assertThat(downstream.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(downstream.inputs().dataSourceId()).isEqualTo(published.id());
        assertThat(TestSandbox.messages(sandbox, downstream)).containsExactly("read 1,42.5");
        sandbox.schedules().delete(second.id());
        sandbox.schedules().delete(first.id());
    }

    @Test
    void aSchedulesDeadlineCountsFromEachFireTime() {
        Schedule due = sandbox.schedules().create(ScheduleDraft.cron("due", quick.id(), "0 0 6 * * *")
                .withDeadline(Duration.ofMinutes(90)));

        Job job = sandbox.schedules().runNow(due.id()).await(WAIT);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.times().deadline()).isEqualTo(job.origin().scheduledFor().plus(Duration.ofMinutes(90)));
        sandbox.schedules().delete(due.id());
    }

    @Test
    void aJobThatFailsPublishesNothingAndABadNameIsRefusedAtOnce() {
        Model failing = TestSandbox.upload(sandbox, "failing.py", ModelType.SO, """
                with open("output/half.csv", "w") as f:
                    f.write("a\\n")
                raise SystemExit(3)
                """);
        Job failed = sandbox.jobs().execute(ExecutionRequest.of(failing.id()).withPublishAs("never-published")).await(WAIT);

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(sandbox.dataSources().find("never-published")).isEmpty();
        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(failing.id()).withPublishAs("no spaces")))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("data source name");
    }

    @Test
    void badSchedulesAreRefusedNamingTheProblemAndNothingIsStored() {
        int before = sandbox.schedules().list().size();

        assertRefused(ScheduleDraft.cron("x", "no-such-model", "0 6 * * *"), ErrorCode.MODEL_NOT_FOUND, "no-such-model");
        assertRefused(ScheduleDraft.cron("x", quick.id(), "0 25 * * *"), ErrorCode.INVALID_ARGUMENT, "hour");
        assertRefused(ScheduleDraft.cron("x", quick.id(), "0 6 * * *").withTimezone("Europe/Atlantis"),
                ErrorCode.INVALID_ARGUMENT, "Europe/Atlantis");
        assertRefused(ScheduleDraft.cron("x", quick.id(), "0 0 31 2 *"), ErrorCode.INVALID_ARGUMENT, "never fires");
        assertRefused(ScheduleDraft.cron("x", quick.id(), "0 6 * * *").withDataSourceId("no-such-data"),
                ErrorCode.DATA_SOURCE_NOT_FOUND, "no-such-data");
        assertRefused(ScheduleDraft.after("x", quick.id(), "sch_1_nosuch"), ErrorCode.SCHEDULE_NOT_FOUND, "sch_1_nosuch");
        assertRefused(new ScheduleDraft("x", quick.id(), true, "0 6 * * *", null, "sch_1_nosuch", null, null, null,
                null, null, null, null, null, true), ErrorCode.INVALID_ARGUMENT, "exactly one of cron");
        assertRefused(ScheduleDraft.cron(" ", quick.id(), "0 6 * * *"), ErrorCode.INVALID_ARGUMENT, "name");
        assertRefused(ScheduleDraft.cron("x", quick.id(), "0 6 * * *").withDeadline(Duration.ofMinutes(-5)),
                ErrorCode.INVALID_ARGUMENT, "deadline");

        assertThat(sandbox.schedules().list()).hasSize(before);
    }

    @Test
    void firingsMissedWhileNoNodeRanRunOnceAtStartAndLateOnesEachRun(@TempDir Path dataDir) throws InterruptedException {
        String scheduleId;
        try (Sandbox first = Sandbox.builder().dataDirectory(dataDir).build()) {
            Model model = TestSandbox.upload(first, "missed.py", ModelType.DMO, "print('caught up')\n");
            scheduleId = first.schedules().create(ScheduleDraft.cron("missed", model.id(), "*/2 * * * * *")).id();
        }
        Thread.sleep(16_000); // the first firings of the gap are missed (over 10 s late), the last ones only late
        Instant reopenedAt = Instant.now();
        try (Sandbox second = Sandbox.builder().dataDirectory(dataDir).build()) {
            await().atMost(WAIT).until(() -> second.jobs().list(JobQuery.ofSchedule(scheduleId, 100)).stream()
                    .anyMatch(j -> j.origin().scheduledFor().isAfter(reopenedAt.plusSeconds(2))));
            second.schedules().pause(scheduleId);
            // a late firing starts its job, or is skipped while the one before still runs (overlap: skip)
            List<Instant> fired = java.util.stream.Stream.concat(
                    second.jobs().list(JobQuery.ofSchedule(scheduleId, 100)).stream().map(j -> j.origin().scheduledFor()),
                    second.schedules().get(scheduleId).skipped().stream().map(ScheduleSkip::scheduledFor))
                    .sorted().toList();

            assertThat(fired).doesNotHaveDuplicates();
            assertThat(fired.stream().filter(t -> t.isBefore(reopenedAt.minusSeconds(10))))
                    .as("the missed firings run once, not one by one").hasSize(1);
            List<Instant> late = fired.stream().filter(t -> !t.isBefore(reopenedAt.minusSeconds(7))
                    && t.isBefore(reopenedAt)).toList();
            assertThat(late).as("each late (not missed) firing counts").hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < late.size(); i++) {
                assertThat(Duration.between(late.get(i - 1), late.get(i))).isEqualTo(Duration.ofSeconds(2));
            }
        }
    }

    private static void assertRefused(ScheduleDraft draft, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> sandbox.schedules().create(draft)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessageContaining(messagePart);
    }

    private static List<Job> jobsOf(Schedule schedule) {
        return sandbox.jobs().list(JobQuery.ofSchedule(schedule.id(), 100));
    }
}
