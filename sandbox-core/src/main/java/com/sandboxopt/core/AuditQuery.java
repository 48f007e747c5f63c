package com.sandboxopt.core;

import java.time.Instant;

/**
 * Which audit entries to read, newest first; a null field does not filter.
 *
 * @param actor  only this actor's entries
 * @param action only this action's (e.g. {@code job.cancel}), or those starting with it followed by a dot when it
 *               ends without one ({@code job} matches {@code job.execute} and {@code job.cancel})
 * @param since  only entries recorded at or after this instant
 * @param limit  at most this many (1-10,000)
 */
public record AuditQuery(String actor, String action, Instant since, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "limit must be between 1 and " + MAX_LIMIT
                    + ", was " + limit);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, limit);
    }
}
