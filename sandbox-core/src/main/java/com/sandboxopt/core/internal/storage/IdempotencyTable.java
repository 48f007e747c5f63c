package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.storage.IdempotencyStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sandbox_idempotency_key table. Its primary key decides which of several requests with one key claims it; times
 * are the database's {@code CURRENT_TIMESTAMP}.
 */
final class IdempotencyTable implements IdempotencyStorage {
    /** SQLSTATE of a unique or primary key violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbc jdbc;

    IdempotencyTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String key, String claimId, String fingerprint, String nodeId) {
        return jdbc.run("Could not claim idempotency key " + key, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO sandbox_idempotency_key"
                    + " (id, claim_id, fingerprint, node_id, created_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, key);
                ps.setString(2, claimId);
                ps.setString(3, fingerprint);
                ps.setString(4, nodeId);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // PostgreSQL would refuse to commit the failed transaction
                }
                return false;
            }
        });
    }

    @Override
    public Optional<StoredKey> find(String key) {
        return jdbc.run("Could not read idempotency key " + key, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT claim_id, fingerprint, answer, created_at,"
                    + " CURRENT_TIMESTAMP FROM sandbox_idempotency_key WHERE id = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Duration age = Duration.between(Timestamps.get(rs, 4), Timestamps.get(rs, 5));
                    return Optional.of(new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3),
                            age.isNegative() ? Duration.ZERO : age));
                }
            }
        });
    }

    @Override
    public boolean takeOver(String key, String oldClaimId, String claimId, String fingerprint, String nodeId) {
        return jdbc.run("Could not take over idempotency key " + key, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE sandbox_idempotency_key SET claim_id = ?,"
                    + " fingerprint = ?, node_id = ?, created_at = CURRENT_TIMESTAMP, answer = NULL"
                    + " WHERE id = ? AND claim_id = ?")) {
                ps.setString(1, claimId);
                ps.setString(2, fingerprint);
                ps.setString(3, nodeId);
                ps.setString(4, key);
                ps.setString(5, oldClaimId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean answer(String key, String claimId, String answer) {
        return jdbc.run("Could not store the answer of idempotency key " + key, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE sandbox_idempotency_key SET answer = ? WHERE id = ? AND claim_id = ? AND answer IS NULL")) {
                ps.setString(1, answer);
                ps.setString(2, key);
                ps.setString(3, claimId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String key, String claimId) {
        jdbc.run("Could not free idempotency key " + key, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM sandbox_idempotency_key WHERE id = ? AND claim_id = ? AND answer IS NULL")) {
                ps.setString(1, key);
                ps.setString(2, claimId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int prune(Duration window, int maxKeys) {
        return jdbc.inTransaction("Could not prune idempotency keys", connection -> {
            Instant now = now(connection);
            int expired;
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM sandbox_idempotency_key WHERE created_at <= ?")) {
                Timestamps.set(ps, 1, now.minus(window));
                expired = ps.executeUpdate();
            }
            // the (maxKeys + 1)th newest and older, answered: rows claimed in the same microsecond go together
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM sandbox_idempotency_key WHERE answer IS NOT NULL"
                    + " AND created_at <= (SELECT created_at FROM sandbox_idempotency_key ORDER BY created_at DESC"
                    + " OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY)")) {
                ps.setInt(1, maxKeys);
                return expired + ps.executeUpdate();
            }
        });
    }

    private static Instant now(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CURRENT_TIMESTAMP");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Timestamps.get(rs, 1);
        }
    }
}
