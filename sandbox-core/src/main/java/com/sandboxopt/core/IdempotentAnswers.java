package com.sandboxopt.core;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Answers kept by idempotency key, for a request a client may send twice (a retry after a timeout or a dropped
 * connection, a double click): the first request with a key runs and its answer is stored; the same key with the
 * same request again, within the window, gets that answer back and runs nothing. The keys live in the sandbox's
 * database, so every process sharing it (the nodes on one PostgreSQL, this one after a restart) answers alike, and
 * two requests with one key at the same moment, on any nodes, run once. Thread-safe; from
 * {@link Sandbox#idempotentAnswers}.
 *
 * <pre>{@code
 * IdempotentAnswers keys = sandbox.idempotentAnswers(Duration.ofMinutes(10), 10_000);
 * IdempotentAnswers.Outcome outcome = keys.answer(key, sha256Of(request), () -> startJob(request));
 * }</pre>
 */
public interface IdempotentAnswers {
    /** The longest key, in characters. */
    int MAX_KEY_LENGTH = 255;

    /**
     * Runs {@code firstAnswer} unless the key was claimed within the window. The answer it returns is stored for the
     * key; an exception from it is thrown on and the key is freed, so the next request with it runs as a first one.
     * A request that finds the key claimed by one still in flight waits a few seconds for its answer, then gives up
     * ({@link Kind#IN_USE}); a claim whose request never answered (its process stopped) is taken over after 30 s.
     *
     * @param key         1 to {@value #MAX_KEY_LENGTH} characters, chosen by the client
     * @param fingerprint what the request asks for (e.g. a SHA-256 of its canonical form): the same key with another
     *                    fingerprint is a {@link Kind#CONFLICT}
     * @param firstAnswer runs the request and returns its answer as text (e.g. JSON), not null
     * @throws SandboxException INVALID_ARGUMENT for a blank or longer key, STORAGE_FAILURE when the database fails
     */
    Outcome answer(String key, String fingerprint, Supplier<String> firstAnswer);

    /** How long a key is remembered from its first request. */
    Duration window();

    /** What became of a request with a key. */
    enum Kind {
        /** It was the first: {@code firstAnswer} ran, and {@link Outcome#answer()} is what it returned. */
        FIRST,
        /** The same request came first: its stored answer, and nothing ran. */
        REPLAYED,
        /** Another request (another fingerprint) came first with this key: its stored answer, and nothing ran. */
        CONFLICT,
        /** The first request with this key is still in flight: nothing ran, no answer yet; ask again in a second. */
        IN_USE
    }

    /** The kind, and the answer: this request's, the first request's, or null for {@link Kind#IN_USE}. */
    record Outcome(Kind kind, String answer) {
    }
}
