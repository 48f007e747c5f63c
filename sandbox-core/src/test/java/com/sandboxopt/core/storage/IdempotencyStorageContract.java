package com.sandboxopt.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.storage.IdempotencyStorage.StoredKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStorage} must do. A subclass supplies a fresh, empty one per test (and closes what it
 * opened in {@link #close}). Published in sandbox-core's test jar, as {@link SandboxStorageContract} is.
 */
public abstract class IdempotencyStorageContract {

    protected IdempotencyStorage keys;

    protected abstract IdempotencyStorage createStorage();

    protected abstract void close();

    @BeforeEach
    public void openStorage() {
        keys = createStorage();
    }

    @AfterEach
    public void closeStorage() {
        close();
    }

    @Test
    public void aFreeKeyIsClaimedOnceAndKeepsTheFirstClaim() {
        assertThat(keys.find("k")).isEmpty();

        assertThat(keys.claim("k", "claim-1", "fp-a", "node-a")).isTrue();
        assertThat(keys.claim("k", "claim-2", "fp-b", "node-b")).isFalse();

        StoredKey stored = keys.find("k").orElseThrow();
        assertThat(stored.claimId()).isEqualTo("claim-1");
        assertThat(stored.fingerprint()).isEqualTo("fp-a");
        assertThat(stored.answer()).isNull();
        assertThat(stored.age()).isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }

    @Test
    public void onlyTheClaimThatHoldsAKeyAnswersIt() {
        keys.claim("k", "claim-1", "fp", null);

        assertThat(keys.answer("k", "claim-2", "{\"other\": true}")).isFalse();
        assertThat(keys.answer("k", "claim-1", "{\"jobId\": \"J1\", \"text\": \"ünïcode\"}")).isTrue();
        assertThat(keys.answer("k", "claim-1", "{\"again\": true}")).as("an answer is stored once").isFalse();

        assertThat(keys.find("k").orElseThrow().answer()).isEqualTo("{\"jobId\": \"J1\", \"text\": \"ünïcode\"}");
        assertThat(keys.answer("absent", "claim-1", "x")).isFalse();
    }

    @Test
    public void releasingFreesAnUnansweredKeyOfTheSameClaimOnly() {
        keys.claim("failed", "claim-1", "fp", null);
        keys.release("failed", "claim-2");
        assertThat(keys.find("failed")).as("another claim cannot free it").isPresent();
        keys.release("failed", "claim-1");
        assertThat(keys.find("failed")).isEmpty();
        assertThat(keys.claim("failed", "claim-3", "fp", null)).isTrue();

        keys.claim("answered", "claim-4", "fp", null);
        keys.answer("answered", "claim-4", "done");
        keys.release("answered", "claim-4");
        assertThat(keys.find("answered").orElseThrow().answer()).isEqualTo("done");
    }

    @Test
    public void aTakeOverReplacesTheClaimItNamesOnlyAndStartsItsAgeAnew() throws InterruptedException {
        keys.claim("k", "old", "fp-a", "node-a");
        Thread.sleep(500); // an age the new claim's cannot reach between its take-over and the read below
        assertThat(keys.takeOver("k", "not-the-holder", "new", "fp-b", "node-b")).isFalse();
        Duration before = keys.find("k").orElseThrow().age();

        assertThat(keys.takeOver("k", "old", "new", "fp-b", "node-b")).isTrue();

        StoredKey stored = keys.find("k").orElseThrow();
        assertThat(stored.claimId()).isEqualTo("new");
        assertThat(stored.fingerprint()).isEqualTo("fp-b");
        assertThat(stored.answer()).isNull();
        assertThat(stored.age()).isLessThan(before);
        assertThat(keys.answer("k", "old", "late")).as("the old claim's late answer").isFalse();
        assertThat(keys.takeOver("k", "old", "third", "fp-c", null)).isFalse();
    }

    @Test
    public void anAnsweredKeyTakenOverLosesItsAnswer() {
        keys.claim("k", "old", "fp", null);
        keys.answer("k", "old", "first");

        assertThat(keys.takeOver("k", "old", "new", "fp", null)).isTrue();

        assertThat(keys.find("k").orElseThrow().answer()).isNull();
    }

    @Test
    public void pruningForgetsKeysOlderThanTheWindow() throws InterruptedException {
        keys.claim("old", "c1", "fp", null);
        keys.answer("old", "c1", "a");
        keys.claim("old-in-flight", "c2", "fp", null);
        Thread.sleep(1_200); // the window below, and a margin for the young key on a loaded machine
        keys.claim("young", "c3", "fp", null);

        assertThat(keys.prune(Duration.ofMillis(1_000), 100)).isEqualTo(2);

        assertThat(keys.find("old")).isEmpty();
        assertThat(keys.find("old-in-flight")).isEmpty();
        assertThat(keys.find("young")).isPresent();
    }

    @Test
    public void pruningKeepsAtMostMaxKeysTheOldestAnsweredGoFirstInFlightStay() throws InterruptedException {
        claimAndAnswer("first");
        keys.claim("in-flight", "c-in-flight", "fp", null);
        Thread.sleep(5);
        claimAndAnswer("second");
        claimAndAnswer("third");

        assertThat(keys.prune(Duration.ofMinutes(10), 2)).isEqualTo(1);

        assertThat(keys.find("first")).isEmpty();
        assertThat(keys.find("in-flight")).as("the oldest but one, in flight: kept").isPresent();
        assertThat(keys.find("second")).isPresent();
        assertThat(keys.find("third")).isPresent();
        assertThat(keys.prune(Duration.ofMinutes(10), 3)).isZero();
    }

    @Test
    public void ofManyConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String claimId = "claim-" + i;
                Callable<Boolean> claim = () -> {
                    go.await();
                    return keys.claim("contended", claimId, "fp", null);
                };
                claims.add(pool.submit(claim));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(keys.find("contended").orElseThrow().claimId()).startsWith("claim-");
        } finally {
            pool.shutdownNow();
        }
    }

    private void claimAndAnswer(String key) throws InterruptedException {
        keys.claim(key, "c-" + key, "fp", null);
        keys.answer(key, "c-" + key, "answer of " + key);
        Thread.sleep(5); // each its own created_at
    }
}
