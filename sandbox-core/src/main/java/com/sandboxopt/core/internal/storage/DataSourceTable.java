package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceQuery;
import com.sandboxopt.core.DataSourceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data_source and data_source_file tables. */
final class DataSourceTable {
    private static final String COLUMNS = "id, name, version, description, size_bytes, uploaded_at, status, produced_by,"
            + " owner";

    private final Jdbc jdbc;

    DataSourceTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the data source as the next version of its name, in one transaction with its files. Two
     * uploads under one name at once both read the same last version; the unique key refuses the
     * second, which then tries again with the next number.
     */
    DataSource insert(DataSource draft) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction("Could not store data source " + draft.name(), connection -> {
                    DataSource stored = withVersion(draft, lastVersion(connection, draft.name()) + 1);
                    insertRow(connection, stored);
                    insertFiles(connection, stored);
                    return stored;
                });
            } catch (com.sandboxopt.core.SandboxException e) {
                if (attempt >= 5 || !(e.getCause() instanceof SQLException sql) || !isUniqueViolation(sql)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("UQ_DATA_SOURCE_VERSION");
    }

    private static DataSource withVersion(DataSource draft, int version) {
        return new DataSource(draft.id(), draft.name(), version, draft.description(), draft.files(), draft.sizeBytes(),
                draft.uploadedAt(), draft.status(), draft.producedBy(), draft.owner());
    }

    private static int lastVersion(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(version) FROM data_source WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void insertRow(Connection connection, DataSource source) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO data_source (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, source.id());
            ps.setString(2, source.name());
            ps.setInt(3, source.version());
            ps.setString(4, source.description());
            ps.setLong(5, source.sizeBytes());
            Timestamps.set(ps, 6, source.uploadedAt());
            ps.setString(7, source.status().wireName());
            ps.setString(8, source.producedBy());
            ps.setString(9, source.owner());
            ps.executeUpdate();
        }
    }

    private static void insertFiles(Connection connection, DataSource source) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO data_source_file (data_source_id, position, name, size_bytes, sha256) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (DataFile file : source.files()) {
                ps.setString(1, source.id());
                ps.setInt(2, position++);
                ps.setString(3, file.name());
                ps.setLong(4, file.sizeBytes());
                ps.setString(5, file.sha256());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<DataSource> find(String id) {
        return jdbc.run("Could not read data source " + id, connection -> first(connection,
                "SELECT " + COLUMNS + " FROM data_source WHERE id = ?", id));
    }

    Optional<DataSource> findLatest(String name) {
        return jdbc.run("Could not read data source " + name, connection -> first(connection,
                "SELECT " + COLUMNS + " FROM data_source WHERE name = ? ORDER BY version DESC LIMIT 1", name));
    }

    /** Newest upload first. */
    List<DataSource> list(DataSourceQuery query) {
        Where where = new Where()
                .equal("name", query.name())
                .equal("status", query.status() == null ? null : query.status().wireName());
        return jdbc.run("Could not list data sources", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM data_source"
                    + where.sql() + " ORDER BY uploaded_at DESC, version DESC, id")) {
                where.bind(ps, 1);
                return withFiles(connection, rows(ps));
            }
        });
    }

    boolean updateStatus(String id, DataSourceStatus status) {
        return jdbc.run("Could not update data source " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE data_source SET status = ? WHERE id = ?")) {
                ps.setString(1, status.wireName());
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Optional<DataSource> first(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, key);
            List<DataSource> found = withFiles(connection, rows(ps));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<DataSource> rows(PreparedStatement ps) throws SQLException {
        List<DataSource> sources = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sources.add(new DataSource(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), List.of(),
                        rs.getLong(5), Timestamps.get(rs, 6), DataSourceStatus.parse(rs.getString(7)), rs.getString(8),
                        rs.getString(9)));
            }
        }
        return sources;
    }

    /** Reads the files of all listed data sources with one query per hundred. */
    private static List<DataSource> withFiles(Connection connection, List<DataSource> sources) throws SQLException {
        Map<String, List<DataFile>> files = new LinkedHashMap<>();
        for (DataSource source : sources) {
            files.put(source.id(), new ArrayList<>());
        }
        List<String> ids = new ArrayList<>(files.keySet());
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = connection.prepareStatement("SELECT data_source_id, name, size_bytes, sha256"
                    + " FROM data_source_file WHERE data_source_id IN (" + marks + ") ORDER BY data_source_id, position")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        files.get(rs.getString(1)).add(new DataFile(rs.getString(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            }
        }
        List<DataSource> complete = new ArrayList<>(sources.size());
        for (DataSource source : sources) {
            complete.add(new DataSource(source.id(), source.name(), source.version(), source.description(),
                    files.get(source.id()), source.sizeBytes(), source.uploadedAt(), source.status(), source.producedBy(),
                    source.owner()));
        }
        return complete;
    }
}
