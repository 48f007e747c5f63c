package com.sandboxopt.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.IdempotentAnswers;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.ExecuteAnswer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The answers of {@code POST /api/optimization/execute} by idempotency key, for a window after the first request:
 * the same key again gets the same answer and starts nothing; the same key with another body is a conflict. The
 * keys live in the sandbox's database ({@link Sandbox#idempotentAnswers}), each answer as its JSON, so every node
 * sharing the database, and this one after a restart, answers a retry alike; two requests with one key at once, on
 * any nodes, make one job. A request that fails is not remembered. Created at start ({@code @Context}), so a bad
 * setting stops the server there; the sandbox it keeps the keys in is asked for at the first request, so that the
 * database can open while the server starts.
 */
@Context
public class IdempotencyKeys {
    /** The longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    private final Duration window;
    private final Supplier<IdempotentAnswers> answers;
    private final ObjectMapper mapper;

    @Inject
    public IdempotencyKeys(BeanProvider<Sandbox> sandbox, ObjectMapper mapper,
                           @Value("${sandbox.idempotency.window:10m}") Duration window,
                           @Value("${sandbox.idempotency.max-keys:10000}") int maxKeys) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("sandbox.idempotency.window must be positive, was " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("sandbox.idempotency.max-keys must be at least 1, was " + maxKeys);
        }
        this.window = window;
        this.answers = SupplierUtil.memoized(() -> sandbox.get().idempotentAnswers(window, maxKeys));
        this.mapper = mapper;
    }

    public Duration window() {
        return window;
    }

    /** What became of a request, and its answer: its own, the first one's, or null while that one is in flight. */
    public record Outcome(IdempotentAnswers.Kind kind, ExecuteAnswer response) {
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
     * Runs {@code action} unless the key was seen within the window: then the first answer is returned (replayed)
     * when {@code fingerprint} (what the request asked for) is the same, a conflict when it is not, or in use while
     * the first request has not answered yet. An exception from the action is thrown on and nothing is remembered.
     */
    public Outcome run(String key, String fingerprint, Supplier<ExecuteAnswer> action) {
        IdempotentAnswers.Outcome outcome = answers.get().answer(key, fingerprint, () -> write(action.get()));
        return new Outcome(outcome.kind(), outcome.answer() == null ? null : read(outcome.answer()));
    }

    private String write(ExecuteAnswer answer) {
        try {
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer of job " + answer.jobId(), e);
        }
    }

    private ExecuteAnswer read(String json) {
        try {
            return mapper.readValue(json, ExecuteAnswer.class);
        } catch (JsonProcessingException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "A stored idempotent answer is not what this server"
                    + " writes: " + e.getOriginalMessage(), e);
        }
    }
}
