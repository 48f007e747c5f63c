package com.sandboxopt.core;

import java.time.Instant;

/**
 * One state change in the audit trail: when, who, what, on which id, how it ended, from where.
 *
 * @param id            increasing with each entry; 0 for an entry not recorded yet
 * @param at            when it was recorded; null for an entry not recorded yet
 * @param actor         the user (or {@code api-token}, {@code schedule:<id>}, {@code anonymous})
 * @param action        what was done, e.g. {@code model.upload}, {@code job.cancel}, {@code login}
 * @param target        the id or name it was done to; null when none
 * @param outcome       {@code success}, or why not: {@code denied}, {@code failed}, {@code invalid}, ...
 * @param remoteAddress the client's address; null when it was not a request
 * @param detail        a short free text (e.g. the error message); null when none
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String outcome,
                         String remoteAddress, String detail) {
    /** An entry to {@link Audit#record}. */
    public static AuditEntry of(String actor, String action, String target, String outcome, String remoteAddress,
                                String detail) {
        return new AuditEntry(0, null, actor, action, target, outcome, remoteAddress, detail);
    }
}
