package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ApiToken;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The user_credential table: personal API tokens and page sessions, each kept as the hash of its secret. */
public final class CredentialTable {
    /** Personal API tokens. */
    public static final String TOKEN = "token";
    /** Page sessions. */
    public static final String SESSION = "session";

    /** A stored credential. */
    public record Row(String id, String username, String kind, String name, String csrfToken, Instant createdAt,
                      Instant expiresAt, Instant lastUsedAt) {
        public ApiToken asToken() {
            return new ApiToken(id, username, name, createdAt, expiresAt, lastUsedAt);
        }
    }

    private static final String COLUMNS = "id, username, kind, name, csrf_token, created_at, expires_at, last_used_at";

    private final Jdbc jdbc;

    CredentialTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row row, String secretHash) {
        jdbc.run("Could not store a " + row.kind() + " of " + row.username(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO user_credential (" + COLUMNS
                    + ", secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, row.id());
                ps.setString(2, row.username());
                ps.setString(3, row.kind());
                ps.setString(4, row.name());
                ps.setString(5, row.csrfToken());
                Timestamps.set(ps, 6, row.createdAt());
                Timestamps.set(ps, 7, row.expiresAt());
                Timestamps.set(ps, 8, row.lastUsedAt());
                ps.setString(9, secretHash);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Row> findBySecretHash(String secretHash) {
        return jdbc.run("Could not read a credential", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM user_credential WHERE secret_hash = ?")) {
                ps.setString(1, secretHash);
                List<Row> rows = rows(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** A user's credentials of one kind, newest first. */
    public List<Row> list(String username, String kind) {
        return jdbc.run("Could not list the " + kind + "s of " + username, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM user_credential WHERE username = ? AND kind = ? ORDER BY created_at DESC, id")) {
                ps.setString(1, username);
                ps.setString(2, kind);
                return rows(ps);
            }
        });
    }

    public void touch(String id, Instant at) {
        jdbc.run("Could not record the use of a credential", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE user_credential SET last_used_at = ? WHERE id = ?")) {
                Timestamps.set(ps, 1, at);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes one of a user's credentials of a kind; false when there is none of that id. */
    public boolean delete(String username, String kind, String id) {
        return jdbc.run("Could not delete a " + kind + " of " + username, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM user_credential WHERE id = ? AND username = ? AND kind = ?")) {
                ps.setString(1, id);
                ps.setString(2, username);
                ps.setString(3, kind);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public void deleteBySecretHash(String secretHash) {
        jdbc.run("Could not end a session", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM user_credential WHERE secret_hash = ?")) {
                ps.setString(1, secretHash);
                return ps.executeUpdate();
            }
        });
    }

    /** Ends every page session of a user. */
    public void deleteSessions(String username) {
        jdbc.run("Could not end the sessions of " + username, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM user_credential WHERE username = ? AND kind = ?")) {
                ps.setString(1, username);
                ps.setString(2, SESSION);
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets the credentials that expired before {@code before}. */
    public int deleteExpired(Instant before) {
        return jdbc.run("Could not forget expired credentials", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM user_credential WHERE expires_at < ?")) {
                Timestamps.set(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Timestamps.get(rs, 6), Timestamps.get(rs, 7), Timestamps.get(rs, 8)));
            }
        }
        return rows;
    }
}
