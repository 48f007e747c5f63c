package com.sandboxopt.server.api.wire;

import java.util.List;

/** Audit entries, newest first. */
public record AuditAnswer(boolean success, List<AuditEntryJson> entries) {
    public AuditAnswer(List<AuditEntryJson> entries) {
        this(true, entries);
    }
}
