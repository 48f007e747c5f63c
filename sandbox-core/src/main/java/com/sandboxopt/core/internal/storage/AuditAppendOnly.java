package com.sandboxopt.core.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's guard on the audit trail: refuses every update and delete of a row, whoever sends it, so an entry once written
 * stays as it was (PostgreSQL has the same guard as a trigger function).
 */
public final class AuditAppendOnly implements Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit trail is append-only");
    }
}
