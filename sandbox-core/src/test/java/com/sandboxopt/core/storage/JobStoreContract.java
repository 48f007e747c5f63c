package com.sandboxopt.core.storage;

import static com.sandboxopt.core.storage.StorageFixtures.T0;
import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.SandboxException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do for jobs: accepting, running, ending, finding and listing them. */
public interface JobStoreContract extends StorageContractSupport {

    @Test
    default void storesAQueuedJobAndFindsIt() {
        Model model = insert(aModel());
        Job job = aJob(model.id()).withDataSourceId("ds-7").build();

        storage().insertJob(job);

        assertThat(storage().findJob(job.id())).contains(job);
    }

    @Test
    default void keepsTheScheduleFiringThatStartedAJobAndListsTheSchedulesJobs() {
        Model model = insert(aModel());
        Job fired = insertJob(aJob(model.id()).firedBy("sch_1_abcdef", T0.plusSeconds(60)).createdAt(T0.plusSeconds(61)));
        Job byHand = insertJob(aJob(model.id()).createdAt(T0.plusSeconds(62)));

        assertThat(storage().findJob(fired.id()).orElseThrow().origin())
                .isEqualTo(JobOrigin.schedule("sch_1_abcdef", T0.plusSeconds(60)));
        assertThat(storage().findJob(byHand.id()).orElseThrow().origin()).isEqualTo(JobOrigin.asked());
        assertThat(storage().listJobs(JobQuery.ofSchedule("sch_1_abcdef", 10))).extracting(Job::id)
                .containsExactly(fired.id());
    }

    @Test
    default void refusesASecondJobForOneScheduleFiring() {
        Model model = insert(aModel());
        insertJob(aJob(model.id()).firedBy("sch_1_abcdef", T0.plusSeconds(60)));
        Job again = aJob(model.id()).firedBy("sch_1_abcdef", T0.plusSeconds(60)).build();

        assertThatThrownBy(() -> storage().insertJob(again)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
        assertThat(storage().listJobs(JobQuery.ofSchedule("sch_1_abcdef", 10))).hasSize(1);
    }

    @Test
    default void keepsAJobsDeadlineToTheMicrosecondThroughItsEnd() {
        Model model = insert(aModel());
        Instant deadline = T0.plusSeconds(3600).plusNanos(123_456_000);
        Job job = aJob(model.id()).withDeadline(deadline).build();

        storage().insertJob(job);
        assertThat(storage().findJob(job.id())).contains(job);
        storage().markJobRunning(job.id(), T0.plusSeconds(1));
        storage().finishJob(job.id(), JobStatus.TIMED_OUT, T0.plusSeconds(3600), "Stopped at its deadline", null, 0);

        Job ended = storage().findJob(job.id()).orElseThrow();
        assertThat(ended.times().deadline()).isEqualTo(deadline);
        assertThat(storage().listJobs(new JobQuery(null, null, model.id(), 10)))
                .extracting(listed -> listed.times().deadline()).containsExactly(deadline);
    }

    @Test
    default void aJobWithoutADeadlineHasNone() {
        Job job = insertJob(aJob(insert(aModel()).id()));

        assertThat(storage().findJob(job.id()).orElseThrow().times().deadline()).isNull();
    }

    @Test
    default void findsNothingForAnUnknownJob() {
        assertThat(storage().findJob("no-such-job")).isEmpty();
    }

    @Test
    default void rejectsAJobOfAnUnknownModelWithStorageFailure() {
        Job job = aJob("no-such-model").build();

        assertThatThrownBy(() -> storage().insertJob(job))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Could not store job " + job.id() + ": ");
    }

    @Test
    default void marksAQueuedJobRunning() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        Instant started = T0.plusMillis(1500);

        storage().markJobRunning(job.id(), started);

        Job running = storage().findJob(job.id()).orElseThrow();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.times().startedAt()).isEqualTo(started);
        assertThat(running.times().finishedAt()).isNull();
    }

    @Test
    default void doesNotMarkAJobRunningThatWasCancelledWhileQueued() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage().finishJob(job.id(), JobStatus.CANCELLED, T0.plusSeconds(1), "cancelled", null, 0);

        storage().markJobRunning(job.id(), T0.plusSeconds(2));

        Job stored = storage().findJob(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(stored.times().startedAt()).isNull();
    }

    @Test
    default void ignoresMarkingAnUnknownJobRunning() {
        storage().markJobRunning("no-such-job", T0);

        assertThat(storage().findJob("no-such-job")).isEmpty();
    }

    @Test
    default void finishesAJobWithItsResultAndLineCount() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage().markJobRunning(job.id(), T0.plusSeconds(1));

        storage().finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(5), null, Map.of("objective", 12.5), 321);

        Job done = storage().findJob(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(done.times().startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.times().finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.error()).isNull();
        assertThat(done.result()).isEqualTo(Map.of("objective", 12.5));
        assertThat(done.outcome().lineCount()).isEqualTo(321);
        assertThat(done.times().duration()).hasValue(java.time.Duration.ofSeconds(4));
    }

    @Test
    default void keepsWhatAJobUsedThroughItsEndAndInTheList() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage().markJobRunning(job.id(), T0.plusSeconds(1));
        JobUsage usage = new JobUsage(1_234L, 5_000_000_000L); // past an int: the columns are 64-bit

        storage().recordUsage(job.id(), usage);
        storage().finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(5), null, null, 0);

        assertThat(storage().findJob(job.id()).orElseThrow().usage()).isEqualTo(usage);
        assertThat(storage().listJobs(new JobQuery(null, null, job.model().id(), 10))).extracting(Job::usage)
                .containsExactly(usage);
    }

    @Test
    default void aJobKeepsOnlyTheFiguresThatWereMeasured() {
        String modelId = insert(aModel()).id();
        Job graalpy = insertJob(aJob(modelId));
        Job neverRan = insertJob(aJob(modelId));

        storage().recordUsage(graalpy.id(), new JobUsage(15L, null));

        assertThat(storage().findJob(graalpy.id()).orElseThrow().usage()).isEqualTo(new JobUsage(15L, null));
        assertThat(storage().findJob(neverRan.id()).orElseThrow().usage()).isEqualTo(JobUsage.unknown());
    }

    @Test
    default void finishesAFailedJobWithAnErrorAndNoResult() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        String traceback = "Traceback (most recent call last):\n" + "  File \"model.py\"\n".repeat(5_000) + "ZeroDivisionError";

        storage().finishJob(job.id(), JobStatus.FAILED, T0.plusSeconds(3), traceback, null, 7);

        Job failed = storage().findJob(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(traceback);
        assertThat(failed.result()).isNull();
        assertThat(failed.outcome().lineCount()).isEqualTo(7);
    }

    @Test
    default void roundTripsNestedConfigAndResultJson() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "day-ahead ⚡");
        config.put("horizon", 24);
        config.put("big", 10_000_000_000L);
        config.put("huge", new BigInteger("123456789012345678901234567890"));
        config.put("ratio", 0.25);
        config.put("enabled", true);
        config.put("missing", null);
        config.put("nodes", List.of("A", "B", List.of(1, 2.5, false)));
        config.put("limits", Map.of("max", -3, "nested", Map.of("deep", List.of(Map.of("k", "v")))));
        List<Object> result = new ArrayList<>(Arrays.asList(1, "two", null, Map.of("x", 3.0), List.of()));
        Job job = insertJob(aJob(insert(aModel()).id()).withConfig(config));

        storage().finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(1), null, result, 0);

        Job stored = storage().findJob(job.id()).orElseThrow();
        assertThat(stored.inputs().config()).isEqualTo(config);
        assertThat(stored.inputs().config().keySet()).containsExactlyElementsOf(config.keySet());
        assertThat(stored.result()).isEqualTo(result);
    }

    @Test
    default void storesAJobWithoutConfigWithAnEmptyConfig() {
        Job job = insertJob(aJob(insert(aModel()).id()).withConfig(null));

        assertThat(storage().findJob(job.id()).orElseThrow().inputs().config()).isEmpty();
    }

    @Test
    default void roundTripsAScalarResult() {
        Job job = insertJob(aJob(insert(aModel()).id()));

        storage().finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(1), null, "done", 0);

        assertThat(storage().findJob(job.id()).orElseThrow().result()).isEqualTo("done");
    }

    @Test
    default void listsJobsNewestFirst() {
        String modelId = insert(aModel()).id();
        Job old = insertJob(aJob(modelId).createdAt(T0));
        Job newest = insertJob(aJob(modelId).createdAt(T0.plusMillis(2)));
        Job middle = insertJob(aJob(modelId).createdAt(T0.plusMillis(1)));

        assertThat(storage().listJobs(JobQuery.latest(100))).containsExactly(newest, middle, old);
    }

    @Test
    default void listsJobsNewestFirstFilteredByTypeAndStatus() {
        String dmo = insert(aModel().ofType(ModelType.DMO)).id();
        String so = insert(aModel().ofType(ModelType.SO)).id();
        Job queuedDmo = insertJob(aJob(dmo).ofType(ModelType.DMO).createdAt(T0.plusSeconds(1)));
        Job failedDmo = insertJob(aJob(dmo).ofType(ModelType.DMO).withStatus(JobStatus.FAILED).createdAt(T0.plusSeconds(2)));
        Job queuedDmo2 = insertJob(aJob(dmo).ofType(ModelType.DMO).createdAt(T0.plusSeconds(3)));
        Job queuedSo = insertJob(aJob(so).ofType(ModelType.SO).createdAt(T0.plusSeconds(4)));

        assertThat(storage().listJobs(new JobQuery(ModelType.DMO, null, null, 100)))
                .containsExactly(queuedDmo2, failedDmo, queuedDmo);
        assertThat(storage().listJobs(new JobQuery(null, JobStatus.QUEUED, null, 100)))
                .containsExactly(queuedSo, queuedDmo2, queuedDmo);
        assertThat(storage().listJobs(new JobQuery(ModelType.DMO, JobStatus.QUEUED, null, 100)))
                .containsExactly(queuedDmo2, queuedDmo);
        assertThat(storage().listJobs(new JobQuery(ModelType.RMO, null, null, 100))).isEmpty();
    }

    @Test
    default void listsTheJobsOfOneModel() {
        String first = insert(aModel()).id();
        String second = insert(aModel()).id();
        Job a = insertJob(aJob(first).createdAt(T0.plusSeconds(1)));
        insertJob(aJob(second).createdAt(T0.plusSeconds(2)));
        Job b = insertJob(aJob(first).createdAt(T0.plusSeconds(3)));

        assertThat(storage().listJobs(new JobQuery(null, null, first, 100))).containsExactly(b, a);
        assertThat(storage().listJobs(new JobQuery(null, null, "no-such-model", 100))).isEmpty();
    }

    @Test
    default void listsAtMostTheLimitOfJobsKeepingTheNewest() {
        String modelId = insert(aModel()).id();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(insertJob(aJob(modelId).createdAt(T0.plusSeconds(i))));
        }

        assertThat(storage().listJobs(JobQuery.latest(3))).containsExactly(jobs.get(9), jobs.get(8), jobs.get(7));
        assertThat(storage().listJobs(JobQuery.latest(1))).containsExactly(jobs.get(9));
    }

    @Test
    default void failsEveryUnfinishedJobAndCountsThem() {
        String modelId = insert(aModel()).id();
        Job queued = insertJob(aJob(modelId));
        Job running = insertJob(aJob(modelId));
        storage().markJobRunning(running.id(), T0.plusSeconds(1));
        Job succeeded = insertJob(aJob(modelId));
        storage().finishJob(succeeded.id(), JobStatus.SUCCESS, T0.plusSeconds(2), null, 1, 3);
        Instant restart = T0.plusSeconds(60);

        int failed = storage().failUnfinishedJobs("Sandbox restarted while the job was unfinished", restart);

        assertThat(failed).isEqualTo(2);
        for (Job job : List.of(queued, running)) {
            Job stored = storage().findJob(job.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
            assertThat(stored.error()).isEqualTo("Sandbox restarted while the job was unfinished");
            assertThat(stored.times().finishedAt()).isEqualTo(restart);
        }
        Job untouched = storage().findJob(succeeded.id()).orElseThrow();
        assertThat(untouched.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(untouched.error()).isNull();
        assertThat(untouched.times().finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(storage().failUnfinishedJobs("again", restart)).isZero();
    }
}
