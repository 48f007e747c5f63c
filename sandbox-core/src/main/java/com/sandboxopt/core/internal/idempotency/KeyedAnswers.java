package com.sandboxopt.core.internal.idempotency;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.IdempotentAnswers;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.storage.IdempotencyStorage;
import com.sandboxopt.core.storage.IdempotencyStorage.StoredKey;
import com.sandboxopt.core.storage.SandboxStorage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotentAnswers} over an {@link IdempotencyStorage}: a request claims its key (the storage lets one
 * claim win), runs, and stores its answer or frees the key; a request that finds the key claimed reads the answer,
 * polling while it is still in flight.
 */
public final class KeyedAnswers implements IdempotentAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedAnswers.class);
    /** How long a request waits for the answer of the first request with its key: starting a job takes far less. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** A claim without an answer this old was left by a process that stopped before answering: it is taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private final IdempotencyStorage storage;
    private final Duration window;
    private final int maxKeys;
    private final String nodeId;
    private final Duration wait;
    private final Duration abandonedAfter;

    KeyedAnswers(IdempotencyStorage storage, Duration window, int maxKeys, String nodeId, Duration wait,
                 Duration abandonedAfter) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The idempotency window must be positive, was " + window);
        }
        if (maxKeys < 1) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "At least 1 idempotency key must be kept, was " + maxKeys);
        }
        this.storage = storage;
        this.window = window;
        this.maxKeys = maxKeys;
        this.nodeId = nodeId;
        this.wait = wait;
        this.abandonedAfter = abandonedAfter;
    }

    /** The keys of a sandbox's storage; {@code nodeId} is recorded with each claim (null alone on a database). */
    public static KeyedAnswers of(SandboxStorage storage, Duration window, int maxKeys, String nodeId) {
        return new KeyedAnswers(storage.idempotencyKeys(), window, maxKeys, nodeId, WAIT, ABANDONED_AFTER);
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public Outcome answer(String key, String fingerprint, Supplier<String> firstAnswer) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "An idempotency key must be 1 to " + MAX_KEY_LENGTH
                    + " characters, was " + (key == null ? "null" : key.isBlank() ? "blank" : key.length() + " characters"));
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(firstAnswer, "firstAnswer");
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            String claimId = UUID.randomUUID().toString();
            Optional<StoredKey> row = storage.find(key);
            if (row.isEmpty()) {
                if (storage.claim(key, claimId, fingerprint, nodeId)) {
                    Outcome outcome = first(key, claimId, firstAnswer);
                    prune(); // once per new key, after its answer: the keys waiting for it are not held up
                    return outcome;
                }
                continue; // another request claimed it since: read its row
            }
            StoredKey stored = row.get();
            boolean abandoned = stored.answer() == null && stored.age().compareTo(abandonedAfter) >= 0;
            if (stored.age().compareTo(window) >= 0 || abandoned) {
                if (storage.takeOver(key, stored.claimId(), claimId, fingerprint, nodeId)) {
                    if (abandoned) {
                        LOG.warn("Idempotency key {} was claimed {} s ago and never answered: taken over", key,
                                stored.age().toSeconds());
                    }
                    return first(key, claimId, firstAnswer);
                }
                continue;
            }
            if (stored.answer() != null) {
                return new Outcome(stored.fingerprint().equals(fingerprint) ? Kind.REPLAYED : Kind.CONFLICT, stored.answer());
            }
            if (System.nanoTime() - deadline >= 0 || !sleep(pause)) {
                return new Outcome(Kind.IN_USE, null);
            }
            pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
        }
    }

    /** Runs the request that holds the key's claim: its answer is stored, its failure frees the key. */
    private Outcome first(String key, String claimId, Supplier<String> firstAnswer) {
        String answer;
        try {
            answer = Objects.requireNonNull(firstAnswer.get(), "the first answer of idempotency key " + key);
        } catch (RuntimeException | Error e) {
            try {
                storage.release(key, claimId);
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed); // the claim is taken over once abandoned
            }
            throw e;
        }
        // the request has run: its caller gets its answer even if storing it fails (a retry would then run it again)
        try {
            if (!storage.answer(key, claimId, answer)) {
                LOG.warn("Idempotency key {} was taken over or pruned before its first request answered: a request"
                        + " with it may run again", key);
            }
        } catch (SandboxException e) {
            LOG.warn("Could not store the answer of idempotency key {}: a request with it may run again", key, e);
        }
        return new Outcome(Kind.FIRST, answer);
    }

    /** Forgets expired keys and those beyond the bound; a failure here fails no request. */
    private void prune() {
        try {
            storage.prune(window, maxKeys);
        } catch (SandboxException e) {
            LOG.warn("Could not prune idempotency keys: {}", e.getMessage());
        }
    }

    /** False when interrupted (the flag is kept). */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
