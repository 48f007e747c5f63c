package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.IdempotentAnswers.Kind;
import com.sandboxopt.core.IdempotentAnswers.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sandbox.idempotentAnswers around real jobs: one job per key, kept in the H2 file across a restart. */
class IdempotentAnswersTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);

    @TempDir
    Path dataDir;

    @Test
    void aKeyedJobIsAnsweredAgainAfterARestartAndRunsOnce() {
        String key = UUID.randomUUID().toString();
        String modelId;
        String jobId;
        try (Sandbox first = Sandbox.builder().dataDirectory(dataDir).build()) {
            modelId = TestSandbox.upload(first, "idem_restart.py", ModelType.SO, "print('once')\n").id();
            Outcome outcome = first.idempotentAnswers(WINDOW, 100).answer(key, "fp", () -> start(first, modelId));
            assertThat(outcome.kind()).isEqualTo(Kind.FIRST);
            jobId = outcome.answer();
            first.jobs().get(jobId); // stored
        }

        try (Sandbox second = Sandbox.builder().dataDirectory(dataDir).build()) {
            IdempotentAnswers keys = second.idempotentAnswers(WINDOW, 100);
            assertThat(keys.answer(key, "fp", () -> start(second, modelId))).isEqualTo(new Outcome(Kind.REPLAYED, jobId));
            assertThat(keys.answer(key, "other", () -> start(second, modelId))).isEqualTo(new Outcome(Kind.CONFLICT, jobId));
            assertThat(second.jobs().list(new JobQuery(null, null, modelId, 10))).extracting(Job::id).containsExactly(jobId);
        }
    }

    @Test
    void concurrentRequestsWithOneKeyStartOneJob() throws Exception {
        Sandbox sandbox = TestSandbox.shared(); // its database is in memory: H2 too
        String modelId = TestSandbox.upload(sandbox, "idem_concurrent.py", ModelType.SO, "print('once')\n").id();
        IdempotentAnswers keys = sandbox.idempotentAnswers(WINDOW, 100);
        String key = UUID.randomUUID().toString();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return keys.answer(key, "fp", () -> start(sandbox, modelId));
                }));
            }
            go.countDown();
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            List<Job> jobs = sandbox.jobs().list(new JobQuery(null, null, modelId, 10));
            assertThat(jobs).hasSize(1);
            assertThat(results).extracting(Outcome::answer).containsOnly(jobs.get(0).id());
            assertThat(results).extracting(Outcome::kind).containsOnlyOnce(Kind.FIRST).doesNotContain(Kind.IN_USE);
            sandbox.jobs().handle(jobs.get(0).id()).ifPresent(handle -> handle.await(Duration.ofMinutes(2)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts a job; its id is the answer. */
    private static String start(Sandbox sandbox, String modelId) {
        return sandbox.jobs().execute(ExecutionRequest.of(modelId)).jobId();
    }
}
