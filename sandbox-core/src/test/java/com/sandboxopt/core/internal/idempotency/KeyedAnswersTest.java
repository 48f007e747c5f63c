package com.sandboxopt.core.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.IdempotentAnswers.Kind;
import com.sandboxopt.core.IdempotentAnswers.Outcome;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.storage.JdbcStorage;
import com.sandboxopt.core.storage.IdempotencyStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flow of a keyed request over real H2 storage: claim, replay, conflict, expiry, a failure that frees the key,
 * waiting for a first request in flight, taking over an abandoned claim, and two processes' storages on one
 * database claiming at once.
 */
class KeyedAnswersTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    private final JdbcConnectionPool database = JdbcConnectionPool.create(
            "jdbc:h2:mem:keyed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcStorage storage = new JdbcStorage(database);
    private final IdempotencyStorage keys = storage.idempotencyKeys();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void close() {
        storage.close();
        database.dispose();
    }

    private KeyedAnswers answers(Duration window, int maxKeys, Duration wait, Duration abandonedAfter) {
        return new KeyedAnswers(keys, window, maxKeys, null, wait, abandonedAfter);
    }

    private KeyedAnswers answers() {
        return answers(Duration.ofMinutes(10), 100, WAIT, ABANDONED);
    }

    /** A request that "starts a job": each run its own answer. */
    private String job() {
        return "{\"jobId\": \"job-" + runs.incrementAndGet() + "\"}";
    }

    @Test
    void theFirstRequestRunsAndTheSameOneAgainGetsItsAnswerAndRunsNothing() {
        KeyedAnswers answers = answers();

        Outcome first = answers.answer("k", "fp-a", this::job);
        Outcome again = answers.answer("k", "fp-a", this::job);

        assertThat(first).isEqualTo(new Outcome(Kind.FIRST, "{\"jobId\": \"job-1\"}"));
        assertThat(again).isEqualTo(new Outcome(Kind.REPLAYED, "{\"jobId\": \"job-1\"}"));
        assertThat(runs).hasValue(1);
        assertThat(answers.answer("other-key", "fp-a", this::job).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void theSameKeyWithAnotherFingerprintIsAConflictWithTheFirstAnswer() {
        KeyedAnswers answers = answers();
        answers.answer("k", "fp-a", this::job);

        assertThat(answers.answer("k", "fp-b", this::job)).isEqualTo(new Outcome(Kind.CONFLICT, "{\"jobId\": \"job-1\"}"));
        assertThat(runs).hasValue(1);
    }

    @Test
    void anAnswerIsKeptForAnotherSandboxOnTheSameDatabase() {
        answers().answer("k", "fp", this::job);
        try (JdbcStorage otherNode = new JdbcStorage(database)) {
            KeyedAnswers there = new KeyedAnswers(otherNode.idempotencyKeys(), Duration.ofMinutes(10), 100, "node-b",
                    WAIT, ABANDONED);
            assertThat(there.answer("k", "fp", this::job)).isEqualTo(new Outcome(Kind.REPLAYED, "{\"jobId\": \"job-1\"}"));
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void aKeyOlderThanTheWindowIsForgottenAndItsNextRequestRunsAsAFirstOne() throws InterruptedException {
        // a window long enough that the checks right after a claim fall inside it on a loaded machine
        KeyedAnswers answers = answers(Duration.ofMillis(1_500), 100, WAIT, ABANDONED);
        answers.answer("k", "fp-a", this::job);
        assertThat(answers.answer("k", "fp-b", this::job).kind()).isEqualTo(Kind.CONFLICT);

        Thread.sleep(1_700);

        assertThat(answers.answer("k", "fp-b", this::job)).isEqualTo(new Outcome(Kind.FIRST, "{\"jobId\": \"job-2\"}"));
        assertThat(answers.answer("k", "fp-b", this::job).kind()).isEqualTo(Kind.REPLAYED);
    }

    @Test
    void expiredKeysArePrunedWhenANewKeyIsClaimed() throws InterruptedException {
        KeyedAnswers answers = answers(Duration.ofMillis(1_500), 100, WAIT, ABANDONED);
        answers.answer("old", "fp", this::job);
        Thread.sleep(1_700);

        answers.answer("new", "fp", this::job);

        assertThat(keys.find("old")).isEmpty();
        assertThat(keys.find("new")).isPresent();
    }

    @Test
    void atMostMaxKeysAreKeptTheOldestGoFirst() throws InterruptedException {
        KeyedAnswers answers = answers(Duration.ofMinutes(10), 2, WAIT, ABANDONED);
        for (String key : List.of("first", "second", "third")) {
            answers.answer(key, "x", this::job);
            Thread.sleep(5);
        }

        assertThat(answers.answer("second", "x", this::job).kind()).isEqualTo(Kind.REPLAYED);
        assertThat(answers.answer("third", "x", this::job).kind()).isEqualTo(Kind.REPLAYED);
        assertThat(answers.answer("first", "x", this::job).kind()).as("forgotten").isEqualTo(Kind.FIRST);
        assertThat(runs).hasValue(4);
    }

    @Test
    void aRequestThatFailsFreesTheKeyAndTheOneWaitingForItRunsAfterIt() throws Exception {
        KeyedAnswers answers = answers();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> failing = pool.submit(() -> answers.answer("k", "a", () -> {
                inside.countDown();
                await(release);
                throw new SandboxException(ErrorCode.MODEL_NOT_FOUND, "no model");
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Outcome> waiting = pool.submit(() -> answers.answer("k", "a", this::job));
            Thread.sleep(200);
            assertThat(waiting.isDone()).as("waits for the first request with its key").isFalse();

            release.countDown();

            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SandboxException.class)
                    .hasMessageContaining("no model");
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome(Kind.FIRST, "{\"jobId\": \"job-1\"}"));
            assertThat(answers.answer("k", "a", this::job).kind()).isEqualTo(Kind.REPLAYED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedRequestIsNotRememberedSoAnotherRequestWithItsKeyIsAFirstOne() {
        KeyedAnswers answers = answers();
        assertThatThrownBy(() -> answers.answer("k", "a", () -> {
            throw new SandboxException(ErrorCode.QUEUE_FULL, "full");
        })).hasMessage("full");
        assertThatThrownBy(() -> answers.answer("k", "a", () -> null)).isInstanceOf(NullPointerException.class);

        assertThat(keys.find("k")).isEmpty();
        assertThat(answers.answer("k", "b", this::job).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void aRequestWaitingLongerThanItsWaitForTheFirstGetsInUseAndRunsNothing() throws Exception {
        KeyedAnswers answers = answers(Duration.ofMinutes(10), 100, Duration.ofMillis(300), ABANDONED);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome> slow = pool.submit(() -> answers.answer("k", "a", () -> {
                inside.countDown();
                await(release);
                return job();
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            assertThat(answers.answer("k", "a", this::job)).isEqualTo(new Outcome(Kind.IN_USE, null));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).kind()).isEqualTo(Kind.FIRST);
            assertThat(answers.answer("k", "a", this::job).kind()).isEqualTo(Kind.REPLAYED);
            assertThat(runs).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimNeverAnsweredIsTakenOverOnceAbandonedAndItsLateAnswerIsIgnored() throws InterruptedException {
        KeyedAnswers answers = answers(Duration.ofMinutes(10), 100, Duration.ofMillis(100), Duration.ofMillis(1_500));
        // what a node that stopped between claiming and answering leaves
        assertThat(keys.claim("k", "dead-claim", "a", "node-that-stopped")).isTrue();
        assertThat(answers.answer("k", "a", this::job).kind()).as("still young: in use").isEqualTo(Kind.IN_USE);

        Thread.sleep(1_600);

        assertThat(answers.answer("k", "a", this::job)).isEqualTo(new Outcome(Kind.FIRST, "{\"jobId\": \"job-1\"}"));
        assertThat(keys.answer("k", "dead-claim", "{\"jobId\": \"late\"}")).isFalse();
        assertThat(answers.answer("k", "a", this::job)).isEqualTo(new Outcome(Kind.REPLAYED, "{\"jobId\": \"job-1\"}"));
    }

    @Test
    void concurrentRequestsWithOneKeyThroughTwoStoragesOfOneDatabaseRunOnce() throws Exception {
        int threads = 8;
        try (JdbcStorage otherNode = new JdbcStorage(database)) {
            List<KeyedAnswers> nodes = List.of(answers(), new KeyedAnswers(otherNode.idempotencyKeys(),
                    Duration.ofMinutes(10), 100, "node-b", WAIT, ABANDONED));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    KeyedAnswers node = nodes.get(i % 2);
                    Supplier<String> slowJob = () -> {
                        sleep(100); // as long as starting a job may take: the others find the key in flight
                        return job();
                    };
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        return node.answer("contended", "fp", slowJob);
                    }));
                }
                go.countDown();
                List<Outcome> results = new ArrayList<>();
                for (Future<Outcome> outcome : outcomes) {
                    results.add(outcome.get(30, TimeUnit.SECONDS));
                }
                assertThat(runs).hasValue(1);
                assertThat(results).extracting(Outcome::answer).containsOnly("{\"jobId\": \"job-1\"}");
                assertThat(results).filteredOn(o -> o.kind() == Kind.FIRST).hasSize(1);
                assertThat(results).filteredOn(o -> o.kind() == Kind.REPLAYED).hasSize(threads - 1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void keysAndSettingsAreChecked() {
        KeyedAnswers answers = answers();
        assertThatThrownBy(() -> answers.answer(" ", "fp", this::job)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("1 to 255").hasMessageContaining("blank");
        assertThatThrownBy(() -> answers.answer("k".repeat(256), "fp", this::job)).hasMessageContaining("256 characters");
        assertThat(answers.answer("k".repeat(255), "fp", this::job).kind()).isEqualTo(Kind.FIRST);
        assertThatThrownBy(() -> answers(Duration.ZERO, 1, WAIT, ABANDONED)).hasMessageContaining("window must be positive");
        assertThatThrownBy(() -> answers(Duration.ofMinutes(1), 0, WAIT, ABANDONED)).hasMessageContaining("At least 1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
