package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Messages between the nodes through PostgreSQL's {@code NOTIFY} and {@code LISTEN}: sent in one transaction,
 * received on a connection of the listener's own.
 */
public final class NodeChannel {
    private final Jdbc jdbc;
    private final DataSource dataSource;

    NodeChannel(Jdbc jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Sends the messages on the channel in one transaction: every node listening gets them in this order. */
    public void notify(String channel, List<String> payloads) {
        jdbc.inTransaction("Could not notify the other nodes", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (String payload : payloads) {
                    ps.setString(1, channel);
                    ps.setString(2, payload);
                    ps.executeQuery().close();
                }
            }
            return null;
        });
    }

    /** A connection of its own that listens on the channel until closed. */
    public Listening listen(String channel) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                try (Statement sql = connection.createStatement()) {
                    sql.execute("LISTEN " + channel);
                }
                return new Listening(connection, connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Could not listen for the other nodes", e);
        }
    }

    /** The messages arriving on one listening connection. */
    public static final class Listening implements AutoCloseable {
        private final Connection connection;
        private final PGConnection pg;

        private Listening(Connection connection, PGConnection pg) {
            this.connection = connection;
            this.pg = pg;
        }

        /** The payloads that arrived, waiting up to {@code timeout} for the first. */
        public List<String> next(Duration timeout) {
            try {
                PGNotification[] arrived = pg.getNotifications((int) Math.max(1, timeout.toMillis()));
                List<String> payloads = new ArrayList<>();
                if (arrived != null) {
                    for (PGNotification notification : arrived) {
                        payloads.add(notification.getParameter());
                    }
                }
                return payloads;
            } catch (SQLException e) {
                throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Lost the connection listening for the other nodes: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
        }
    }
}
