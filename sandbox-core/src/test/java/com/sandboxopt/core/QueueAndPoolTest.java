package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pool of one with a queue of two: FIFO order, refusal past the queue, cancel while queued, a deadline while queued. */
class QueueAndPoolTest {
    private static final EventRecorder EVENTS = new EventRecorder();
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase()
                .poolSize(1).maxQueueLength(2).listener(EVENTS).build();
    }

    @AfterAll
    static void closeSandbox() {
        sandbox.close();
    }

    @Test
    void jobsWaitInFifoOrderAndTheQueueRefusesWhenFull() {
        Model blocker = TestSandbox.upload(sandbox, "blocker.py", ModelType.DMO,
                "import time, sandbox\nprint('blocking', flush=True)\nwhile sandbox.config.get('forever'):\n    time.sleep(0.05)\n");
        Model quick = TestSandbox.upload(sandbox, "quick.py", ModelType.RMO, "print('quick')\n");
        JobHandle running = sandbox.jobs().execute(ExecutionRequest.of(blocker.id()).withConfig(java.util.Map.of("forever", true)));
        await().atMost(Duration.ofMinutes(1)).until(() -> running.status() == JobStatus.RUNNING);

        JobHandle first = sandbox.jobs().execute(ExecutionRequest.of(quick.id()));
        JobHandle second = sandbox.jobs().execute(ExecutionRequest.of(quick.id()));
        assertThat(first.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(sandbox.queueStats()).isEqualTo(new QueueStats(2, 1, 1, 2));
        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(quick.id())))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUEUE_FULL);
                    assertThat(e.getMessage()).contains("queue is full");
                });

        running.cancel();
        Job firstDone = first.await(Duration.ofMinutes(2));
        Job secondDone = second.await(Duration.ofMinutes(2));
        assertThat(firstDone.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(secondDone.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(firstDone.times().startedAt()).isBefore(secondDone.times().startedAt());
        assertThat(EVENTS.of(first.jobId(), JobStarted.class)).hasSize(1);
    }

    @Test
    void aQueuedJobCanBeCancelledBeforeItStarts() {
        Model blocker = TestSandbox.upload(sandbox, "hold.py", ModelType.DMO, "import time\ntime.sleep(3)\n");
        Model never = TestSandbox.upload(sandbox, "never.py", ModelType.SO, "print('must not run')\n");
        JobHandle running = sandbox.jobs().execute(ExecutionRequest.of(blocker.id()));
        JobHandle queued = sandbox.jobs().execute(ExecutionRequest.of(never.id()));
        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);

        sandbox.jobs().cancel(queued.jobId());

        Job cancelled = queued.await(Duration.ofSeconds(10));
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.times().startedAt()).isNull();
        assertThat(EVENTS.of(queued.jobId(), JobStarted.class)).isEmpty();
        assertThat(running.await(Duration.ofMinutes(2)).status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(sandbox.jobs().logs(queued.jobId(), LogQuery.all())).isEmpty();
    }

    @Test
    void aJobStillQueuedAtItsDeadlineEndsTimedOutThenWithoutStarting() {
        Model blocker = TestSandbox.upload(sandbox, "busy.py", ModelType.DMO,
                "import time, sandbox\nprint('busy', flush=True)\nwhile sandbox.config.get('forever'):\n    time.sleep(0.05)\n");
        Model late = TestSandbox.upload(sandbox, "late.py", ModelType.SO, "print('must not run')\n");
        JobHandle running = sandbox.jobs().execute(ExecutionRequest.of(blocker.id()).withConfig(java.util.Map.of("forever", true)));
        await().atMost(Duration.ofMinutes(1)).until(() -> running.status() == JobStatus.RUNNING);
        Instant deadline = Instant.now().plusSeconds(2);

        JobHandle queued = sandbox.jobs().execute(ExecutionRequest.of(late.id()).withDeadline(deadline));

        Job expired = queued.await(Duration.ofSeconds(10));
        assertThat(expired.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(expired.error()).isEqualTo("Its deadline " + deadline.truncatedTo(ChronoUnit.MICROS)
                + " passed while it was queued: it did not start");
        assertThat(expired.times().startedAt()).isNull();
        assertThat(expired.times().finishedAt()).isBetween(deadline, deadline.plusSeconds(1));
        assertThat(running.status()).as("still running when the queued job expired").isEqualTo(JobStatus.RUNNING);
        assertThat(EVENTS.of(queued.jobId(), JobStarted.class)).isEmpty();
        assertThat(EVENTS.of(queued.jobId(), JobFailed.class)).extracting(JobFailed::status).containsExactly(JobStatus.TIMED_OUT);
        running.cancel();
        assertThat(running.await(Duration.ofSeconds(10)).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(sandbox.jobs().logs(queued.jobId(), LogQuery.all())).isEmpty();
    }

    @Test
    void closingTheSandboxCancelsWhatIsLeft() {
        try (Sandbox own = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1).build()) {
            Model spin = TestSandbox.upload(own, "spin.py", ModelType.SO, "while True:\n    pass\n");
            List<JobHandle> handles = new ArrayList<>();
            handles.add(own.jobs().execute(ExecutionRequest.of(spin.id())));
            handles.add(own.jobs().execute(ExecutionRequest.of(spin.id())));
            await().atMost(Duration.ofMinutes(1)).until(() -> handles.get(0).status() == JobStatus.RUNNING);
            own.close();
            assertThat(handles).allSatisfy(h -> assertThat(h.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELLED));
        }
    }
}
