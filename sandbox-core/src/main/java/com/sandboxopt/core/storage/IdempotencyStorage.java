package com.sandboxopt.core.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * Where idempotency keys are kept (see {@link com.sandboxopt.core.IdempotentAnswers}): one row per key, claimed by
 * one request, answered or released by that claim only. The built-in storage keeps them in its database, so every
 * process sharing it sees the same keys; a {@link SandboxStorage} of your own hands out its own from
 * {@link SandboxStorage#idempotencyKeys()}.
 * Ages are measured with the storage's own clock (the database's), so the processes' clocks need not agree. Every
 * method is thread-safe and atomic; failures are a {@code SandboxException} of code {@code STORAGE_FAILURE}.
 */
public interface IdempotencyStorage {

    /**
     * A key's row.
     *
     * @param claimId     the claim that holds the key
     * @param fingerprint what the claiming request asked for
     * @param answer      its answer; null while it is in flight
     * @param age         how long ago the key was claimed (or taken over)
     */
    record StoredKey(String claimId, String fingerprint, String answer, Duration age) {
    }

    /** Claims a free key: true when this call stored the row, false when the key is already there (kept as it is). */
    boolean claim(String key, String claimId, String fingerprint, String nodeId);

    /** The key's row; empty when it is free. */
    Optional<StoredKey> find(String key);

    /**
     * Replaces the claim {@code oldClaimId} (expired, or abandoned by its request) with a new one, as {@link #claim}
     * would store it; false when the key is no longer held by that claim.
     */
    boolean takeOver(String key, String oldClaimId, String claimId, String fingerprint, String nodeId);

    /** Stores the claim's answer; false when the key is no longer held by that claim (taken over or pruned). */
    boolean answer(String key, String claimId, String answer);

    /** Frees the key of a claim whose request failed, unless it was answered or is held by another claim. */
    void release(String key, String claimId);

    /**
     * Forgets the keys claimed {@code window} or longer ago, then the oldest answered ones beyond {@code maxKeys}
     * (keys still in flight stay); returns how many it forgot.
     */
    int prune(Duration window, int maxKeys);
}
