package com.sandboxopt.core;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Fair shares on one job thread: a user's queued quota, users in turn, priority first, and a user at its running
 * limit waiting while others run. Each subclass names the queue (this node's own, or the shared PostgreSQL one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FairSharesContract {
    /** Runs until cancelled. */
    private static final String WAITS = "import time\nprint('waiting')\nwhile True:\n    time.sleep(0.02)\n";

    private Sandbox sandbox;
    private Model waits;

    /** A sandbox with one job thread (two for the running limit test's own) and these quotas. */
    protected abstract Sandbox open(int poolSize, int runningPerUser, int queuedPerUser);

    @BeforeAll
    void start() {
        sandbox = open(1, 0, 3);
        waits = TestSandbox.upload(sandbox, "waits.py", ModelType.SO, WAITS, RuntimeKind.CPYTHON);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    private String run(Sandbox on, String owner, int priority) {
        return on.jobs().execute(ExecutionRequest.of(waits.id()).withOwner(owner).withPriority(priority)).jobId();
    }

    private void awaitRunning(Sandbox on, String jobId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> on.jobs().get(jobId).status() == JobStatus.RUNNING);
    }

    /** Cancels the running job and returns the one that runs next. */
    private String next(Sandbox on, String running, List<String> waiting) {
        on.jobs().cancel(running);
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting.stream()
                .anyMatch(id -> on.jobs().get(id).status() == JobStatus.RUNNING));
        String started = waiting.stream().filter(id -> on.jobs().get(id).status() == JobStatus.RUNNING).findFirst()
                .orElseThrow();
        waiting.remove(started);
        return started;
    }

    @Test
    void usersTakeTurnsThePriorityGoesFirstAndAQueuedQuotaRefusesTheRest() {
        String first = run(sandbox, "anna", 0);
        awaitRunning(sandbox, first);
        String anna2 = run(sandbox, "anna", 0);
        String anna3 = run(sandbox, "anna", 0);
        String anna4 = run(sandbox, "anna", 0);
        assertThatThrownBy(() -> run(sandbox, "anna", 0)).isInstanceOfSatisfying(SandboxException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(e.getMessage()).contains("anna has 3 jobs waiting").contains("queued-jobs-per-user 3");
        });
        String bob = run(sandbox, "bob", 0);
        String urgent = run(sandbox, "carl", 9);
        List<String> waiting = new ArrayList<>(List.of(anna2, anna3, anna4, bob, urgent));

        List<String> order = new ArrayList<>();
        String running = first;
        while (!waiting.isEmpty()) {
            running = next(sandbox, running, waiting);
            order.add(running);
        }
        sandbox.jobs().cancel(running);
        // carl's priority first; then bob, whose turn comes before anna's second; then anna's in order
        assertThat(order).containsExactly(urgent, bob, anna2, anna3, anna4);
    }

    @Test
    void aUserAtItsRunningLimitWaitsWhileOthersRun() {
        try (Sandbox two = open(2, 1, 0)) {
            Model model = TestSandbox.upload(two, "waits.py", ModelType.SO, WAITS, RuntimeKind.CPYTHON);
            String anna1 = two.jobs().execute(ExecutionRequest.of(model.id()).withOwner("anna")).jobId();
            awaitRunning(two, anna1);
            String anna2 = two.jobs().execute(ExecutionRequest.of(model.id()).withOwner("anna")).jobId();
            String bob = two.jobs().execute(ExecutionRequest.of(model.id()).withOwner("bob")).jobId();
            awaitRunning(two, bob);
            assertThat(two.jobs().get(anna2).status()).as("a free thread, but anna runs one already")
                    .isEqualTo(JobStatus.QUEUED);
            two.jobs().cancel(anna1);
            awaitRunning(two, anna2);
            List.of(anna2, bob).forEach(id -> two.jobs().cancel(id));
            assertThat(List.of(anna1, anna2, bob)).extracting(id -> two.jobs().get(id).origin().owner())
                    .containsExactly("anna", "anna", "bob");
        }
    }

    @Test
    void jobsKeepTheirOwnerAndPriority() {
        String id = run(sandbox, "dora", 4);
        sandbox.jobs().cancel(id);
        Job job = sandbox.jobs().get(id);
        assertThat(job.origin().owner()).isEqualTo("dora");
        assertThat(job.origin().priority()).isEqualTo(4);
        assertThatThrownBy(() -> run(sandbox, "dora", 10)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.getMessage()).contains("priority must be between 0 and 9"));
        assertThat(sandbox.jobs().list(JobQuery.latest(100)).stream().filter(j -> "dora".equals(j.origin().owner()))
                .max(Comparator.comparing(j -> j.times().createdAt()))).map(Job::id).contains(id);
    }
}
