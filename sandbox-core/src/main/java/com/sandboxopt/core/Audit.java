package com.sandboxopt.core;

import java.util.List;

/**
 * The audit trail: append-only. There is no way to change or delete an entry through this interface or any other
 * code of the sandbox, and the database refuses to as well. Kept in the sandbox's database; a storage of the
 * application's own keeps none (every method then fails with INVALID_ARGUMENT). Thread-safe.
 */
public interface Audit {
    /** Appends an entry (its {@code id} and {@code at} are ignored) and returns it as stored. */
    AuditEntry record(AuditEntry entry);

    /** Entries matching the query, newest first. */
    List<AuditEntry> find(AuditQuery query);
}
