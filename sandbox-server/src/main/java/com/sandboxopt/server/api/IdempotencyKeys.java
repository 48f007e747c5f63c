package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.ExecuteAnswer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answers of {@code POST /api/optimization/execute} by idempotency key, for a window after the
 * first request: the same key again gets the same answer and starts nothing; the same key with
 * another body is a conflict. At most {@code maxKeys} keys are kept, the oldest go first. Requests
 * with one key run one after the other (a lock per key), so two at once still make one job; a
 * request that fails is not remembered, and the next one with its key runs as if it came first.
 * Keys live in this JVM only: a restart forgets them. Created at start ({@code @Context}), so a bad
 * setting stops the server there.
 */
@Context
public class IdempotencyKeys {
    /** The longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    private final Duration window;
    private final int maxKeys;
    private final LongSupplier clock;
    /** Insertion order: the first is the oldest. Guarded by itself. */
    private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>();

    @Inject
    public IdempotencyKeys(@Value("${sandbox.idempotency.window:10m}") Duration window,
                           @Value("${sandbox.idempotency.max-keys:10000}") int maxKeys) {
        this(window, maxKeys, System::nanoTime);
    }

    IdempotencyKeys(Duration window, int maxKeys, LongSupplier clock) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("sandbox.idempotency.window must be positive, was " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("sandbox.idempotency.max-keys must be at least 1, was " + maxKeys);
        }
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    public Duration window() {
        return window;
    }

    /** The answer to a request: the first one's (replayed when it was remembered), or a conflict. */
    public record Outcome(ExecuteAnswer response, boolean replayed, boolean conflict) {
    }

    /**
     * The key as sent, trimmed: 1 to {@value #MAX_KEY_LENGTH} printable ASCII characters; null when
     * none was sent. A blank or malformed key is a 400 ({@code INVALID_ARGUMENT}).
     */
    public static String validKey(String fromHeader, String fromBody) {
        String header = fromHeader == null ? null : fromHeader.trim();
        String body = fromBody == null ? null : fromBody.trim();
        if (header != null && body != null && !header.equals(body)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The Idempotency-Key header and the body's"
                    + " idempotencyKey differ: send one of them, or the same key in both");
        }
        String key = header != null ? header : body;
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " printable characters (e.g. a UUID), was " + (key.isEmpty() ? "empty" : key.length() + " characters"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Idempotency-Key must be printable ASCII"
                        + " (e.g. a UUID); character " + (i + 1) + " is U+" + String.format("%04X", (int) c));
            }
        }
        return key;
    }

    /**
     * Runs {@code action} unless the key was seen within the window: then the first answer is
     * returned (replayed) when {@code fingerprint} (what the request asked for) is the same, a
     * conflict when it is not. An exception from the action is thrown on and nothing is remembered.
     */
    public Outcome run(String key, String fingerprint, Supplier<ExecuteAnswer> action) {
        while (true) {
            Slot slot = slotOf(key);
            synchronized (slot) {
                if (slot.dropped) {
                    continue; // the request before failed or the key expired while this one waited: start over
                }
                if (slot.response != null) {
                    return slot.fingerprint.equals(fingerprint) ? new Outcome(slot.response, true, false)
                            : new Outcome(slot.response, false, true);
                }
                boolean stored = false;
                try {
                    ExecuteAnswer response = action.get();
                    slot.fingerprint = fingerprint;
                    slot.response = response;
                    stored = true;
                    return new Outcome(response, false, false);
                } finally {
                    if (!stored) {
                        drop(key, slot);
                    }
                }
            }
        }
    }

    /** Keys remembered now, for tests and diagnostics. */
    public int size() {
        synchronized (slots) {
            expire(clock.getAsLong());
            return slots.size();
        }
    }

    private Slot slotOf(String key) {
        long now = clock.getAsLong();
        synchronized (slots) {
            expire(now);
            Slot slot = slots.get(key);
            if (slot == null) {
                slot = new Slot(now);
                slots.put(key, slot);
                while (slots.size() > maxKeys) {
                    Iterator<Slot> oldest = slots.values().iterator();
                    oldest.next().dropped = true;
                    oldest.remove();
                }
            }
            return slot;
        }
    }

    /** Drops the keys older than the window; they are in insertion order, so it stops at the first young one. */
    private void expire(long now) {
        long windowNanos = window.toNanos();
        for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (now - slot.createdNanos < windowNanos) {
                return;
            }
            slot.dropped = true;
            it.remove();
        }
    }

    private void drop(String key, Slot slot) {
        synchronized (slots) {
            slot.dropped = true;
            slots.remove(key, slot);
        }
    }

    /** One key: its lock, and once the first request succeeded, what it asked for and its answer. */
    private static final class Slot {
        final long createdNanos;
        volatile boolean dropped;
        String fingerprint;
        ExecuteAnswer response;

        Slot(long createdNanos) {
            this.createdNanos = createdNanos;
        }
    }
}
