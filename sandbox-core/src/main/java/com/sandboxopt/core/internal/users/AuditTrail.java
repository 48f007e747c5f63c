package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.Audit;
import com.sandboxopt.core.AuditEntry;
import com.sandboxopt.core.AuditQuery;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.storage.AuditTable;

import java.time.Clock;
import java.util.List;

/** The audit trail in the sandbox's database. */
public final class AuditTrail implements Audit {
    private final AuditTable table;
    private final Clock clock;

    public AuditTrail(AuditTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        if (entry.actor() == null || entry.action() == null || entry.outcome() == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "An audit entry needs an actor, an action and an"
                    + " outcome");
        }
        return table.insert(entry, clock.instant());
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        return table.find(query);
    }
}
