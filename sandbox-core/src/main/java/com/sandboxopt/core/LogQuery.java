package com.sandboxopt.core;

/**
 * Which log lines of a job to read: lines with {@code seq > afterSeq}, of one level if {@code level}
 * is set, in seq order, at most {@code limit} of them.
 */
public record LogQuery(LogLevel level, long afterSeq, int limit) {
    public static final int MAX_LIMIT = 100_000;

    public LogQuery {
        if (afterSeq < 0) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "afterSeq must be 0 or more, was " + afterSeq);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every line, up to {@link #MAX_LIMIT}. */
    public static LogQuery all() {
        return new LogQuery(null, 0, MAX_LIMIT);
    }

    public static LogQuery after(long afterSeq, int limit) {
        return new LogQuery(null, afterSeq, limit);
    }
}
