package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Role;
import com.sandboxopt.core.User;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The app_user table: users with their role and bcrypt password hash. */
public final class UserTable {
    private static final String COLUMNS = "username, role, enabled, must_change_password, created_at, updated_at";

    /** A user with the hash of its password. */
    public record Row(User user, String passwordHash) {
    }

    private final Jdbc jdbc;

    UserTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the name is taken. */
    public boolean insert(User user, String passwordHash) {
        if (find(user.username()).isPresent()) {
            return false;
        }
        try {
            return jdbc.run("Could not store user " + user.username(), connection -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO app_user (" + COLUMNS
                        + ", password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    bind(ps, user);
                    ps.setString(7, passwordHash);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (RuntimeException e) {
            if (find(user.username()).isPresent()) {
                return false; // created meanwhile, by another request or node
            }
            throw e;
        }
    }

    /** Writes a user's role, state, times and (when not null) password hash; false when there is no such user. */
    public boolean update(User user, String passwordHash) {
        return jdbc.run("Could not update user " + user.username(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE app_user SET role = ?, enabled = ?,"
                    + " must_change_password = ?, updated_at = ?, password_hash = COALESCE(?, password_hash)"
                    + " WHERE username = ?")) {
                ps.setString(1, user.role().wireName());
                ps.setBoolean(2, user.enabled());
                ps.setBoolean(3, user.mustChangePassword());
                Timestamps.set(ps, 4, user.updatedAt());
                ps.setString(5, passwordHash);
                ps.setString(6, user.username());
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean delete(String username) {
        return jdbc.inTransaction("Could not delete user " + username, connection -> {
            try (PreparedStatement credentials = connection.prepareStatement(
                    "DELETE FROM user_credential WHERE username = ?");
                 PreparedStatement ps = connection.prepareStatement("DELETE FROM app_user WHERE username = ?")) {
                credentials.setString(1, username);
                credentials.executeUpdate();
                ps.setString(1, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<Row> find(String username) {
        return jdbc.run("Could not read user " + username, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + ", password_hash FROM app_user WHERE username = ?")) {
                ps.setString(1, username);
                List<Row> rows = rows(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    public List<User> list() {
        return jdbc.run("Could not list users", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + ", password_hash FROM app_user ORDER BY username")) {
                return rows(ps).stream().map(Row::user).toList();
            }
        });
    }

    public boolean any() {
        return jdbc.run("Could not count users", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM app_user LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private static void bind(PreparedStatement ps, User user) throws SQLException {
        ps.setString(1, user.username());
        ps.setString(2, user.role().wireName());
        ps.setBoolean(3, user.enabled());
        ps.setBoolean(4, user.mustChangePassword());
        Timestamps.set(ps, 5, user.createdAt());
        Timestamps.set(ps, 6, user.updatedAt());
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant created = Timestamps.get(rs, 5);
                rows.add(new Row(new User(rs.getString(1), Role.parse(rs.getString(2)), rs.getBoolean(3),
                        rs.getBoolean(4), created, Timestamps.get(rs, 6)), rs.getString(7)));
            }
        }
        return rows;
    }
}
