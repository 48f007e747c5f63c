package com.sandboxopt.server.api;

import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.ExecuteAnswer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key store on its own: window, bound, per-key lock, failures forgotten (a fake clock, no server). */
class IdempotencyKeysTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();

    private ExecuteAnswer job() {
        return new ExecuteAnswer(true, "job-" + runs.incrementAndGet(), "queued", "/logs/x.log", "m", "DMO", "graalpy",
                null, Map.of(), "k", false);
    }

    @Test
    void aKeyIsRememberedForTheWindowThenForgotten() {
        IdempotencyKeys keys = new IdempotencyKeys(Duration.ofMinutes(10), 100, now::get);
        assertThat(keys.run("k", "a", this::job).replayed()).isFalse();
        now.addAndGet(Duration.ofMinutes(10).minusNanos(1).toNanos());
        IdempotencyKeys.Outcome replay = keys.run("k", "a", this::job);
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.response().jobId()).isEqualTo("job-1");
        assertThat(keys.run("k", "b", this::job).conflict()).isTrue();
        now.addAndGet(1);
        IdempotencyKeys.Outcome fresh = keys.run("k", "b", this::job); // the window is over: a new request
        assertThat(fresh.replayed()).isFalse();
        assertThat(fresh.response().jobId()).isEqualTo("job-2");
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void atMostMaxKeysAreKeptTheOldestGoFirst() {
        IdempotencyKeys keys = new IdempotencyKeys(Duration.ofMinutes(10), 2, now::get);
        keys.run("first", "x", this::job);
        keys.run("second", "x", this::job);
        keys.run("third", "x", this::job);
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.run("second", "x", this::job).replayed()).isTrue();
        assertThat(keys.run("third", "x", this::job).replayed()).isTrue();
        assertThat(keys.run("first", "x", this::job).replayed()).as("evicted").isFalse();
        assertThat(runs.get()).isEqualTo(4);
    }

    @Test
    void aFailureIsNotRememberedAndAWaitingRequestRunsAfterIt() throws Exception {
        IdempotencyKeys keys = new IdempotencyKeys(Duration.ofMinutes(10), 100, now::get);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> failing = pool.submit(() -> keys.run("k", "a", () -> {
                inside.countDown();
                await(release);
                throw new SandboxException(com.sandboxopt.core.ErrorCode.MODEL_NOT_FOUND, "no model");
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            Future<IdempotencyKeys.Outcome> waiting = pool.submit(() -> keys.run("k", "a", this::job));
            Thread.sleep(200);
            assertThat(waiting.isDone()).as("waits for the first request with its key").isFalse();
            release.countDown();
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SandboxException.class);
            IdempotencyKeys.Outcome second = waiting.get(10, TimeUnit.SECONDS);
            assertThat(second.replayed()).isFalse();
            assertThat(second.response().jobId()).isEqualTo("job-1");
            assertThat(keys.run("k", "a", this::job).replayed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysAreTrimmedAndChecked() {
        assertThat(IdempotencyKeys.validKey(null, null)).isNull();
        assertThat(IdempotencyKeys.validKey("  abc ", null)).isEqualTo("abc");
        assertThat(IdempotencyKeys.validKey(null, "abc")).isEqualTo("abc");
        assertThat(IdempotencyKeys.validKey("abc", " abc")).isEqualTo("abc");
        assertThat(IdempotencyKeys.validKey("with inner spaces", null)).isEqualTo("with inner spaces");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("", null)).hasMessageContaining("1 to 200");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("x".repeat(201), null)).hasMessageContaining("201 characters");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("a\nb", null)).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("a", "b")).hasMessageContaining("differ");
    }

    @Test
    void settingsBelowOneAreRefused() {
        assertThatThrownBy(() -> new IdempotencyKeys(Duration.ZERO, 10)).hasMessageContaining("sandbox.idempotency.window");
        assertThatThrownBy(() -> new IdempotencyKeys(Duration.ofMinutes(1), 0)).hasMessageContaining("sandbox.idempotency.max-keys");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
