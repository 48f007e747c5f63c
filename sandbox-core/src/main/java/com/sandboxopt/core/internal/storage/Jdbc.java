package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrows connections and turns every {@link SQLException} into a {@code STORAGE_FAILURE} that
 * says what was being done, so the storage methods only contain their SQL.
 */
final class Jdbc {

    /** Work done on one borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private volatile boolean closed;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs single statements with auto-commit on. */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = borrow(what)) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs the work in one transaction: committed at the end, rolled back on any failure. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = borrow(what)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                // pooled connections go back to the pool; leave them as we found them
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    static SandboxException failure(String what, Exception e) {
        return new SandboxException(ErrorCode.STORAGE_FAILURE, what + ": " + e.getMessage(), e);
    }

    private Connection borrow(String what) throws SQLException {
        if (closed) {
            // a disposed H2 pool would throw IllegalStateException; say it plainly instead
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, what + ": the storage is closed");
        }
        return dataSource.getConnection();
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
