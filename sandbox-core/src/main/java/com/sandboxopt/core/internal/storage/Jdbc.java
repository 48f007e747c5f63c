package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final AtomicBoolean closed = new AtomicBoolean();

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs a single statement; it commits on its own unless the caller's pool turned auto-commit off. */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = borrow(what)) {
            return connection.getAutoCommit() ? work.apply(connection) : transaction(connection, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs the work in one transaction: committed at the end, rolled back on any failure. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = borrow(what)) {
            return transaction(connection, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Returns true for the one call that closed it. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    static SandboxException failure(String what, Exception e) {
        return new SandboxException(ErrorCode.STORAGE_FAILURE, what + ": " + e.getMessage(), e);
    }

    private Connection borrow(String what) throws SQLException {
        if (closed.get()) {
            // a disposed H2 pool would throw IllegalStateException; say it plainly instead
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, what + ": the storage is closed");
        }
        return dataSource.getConnection();
    }

    private static <T> T transaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.apply(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, autoCommit, e);
            throw e;
        }
        // pooled connections go back as we found them (H2's pool does not reset auto-commit)
        connection.setAutoCommit(autoCommit);
        return result;
    }

    /** Keeps the original failure as the one reported; a failed rollback is attached to it. */
    private static void rollbackQuietly(Connection connection, boolean autoCommit, Exception cause) {
        try {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
