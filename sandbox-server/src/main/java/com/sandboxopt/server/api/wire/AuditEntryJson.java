package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.AuditEntry;

/** One audit entry on the wire. */
public record AuditEntryJson(long id, String at, String actor, String action, String target, String outcome,
                             String remoteAddress, String detail) {
    public static AuditEntryJson of(AuditEntry entry) {
        return new AuditEntryJson(entry.id(), Times.iso(entry.at()), entry.actor(), entry.action(), entry.target(),
                entry.outcome(), entry.remoteAddress(), entry.detail());
    }
}
