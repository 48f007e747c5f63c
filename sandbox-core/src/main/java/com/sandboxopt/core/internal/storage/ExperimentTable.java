package com.sandboxopt.core.internal.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The experiment and experiment_run tables. */
public final class ExperimentTable {
    /** A stored experiment; {@code definition} is its JSON. */
    public record Row(String id, String name, String definition, String owner, boolean cancelled, Instant createdAt) {
    }

    /** A run: which job ran a model on an input, one repetition. */
    public record RunRow(String modelId, String input, int repetition, String jobId) {
    }

    private final Jdbc jdbc;

    ExperimentTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row row) {
        jdbc.run("Could not store experiment " + row.id(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO experiment (id, name, definition,"
                    + " owner, cancelled, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, row.id());
                ps.setString(2, row.name());
                ps.setString(3, row.definition());
                ps.setString(4, row.owner());
                ps.setBoolean(5, row.cancelled());
                Timestamps.set(ps, 6, row.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    public void insertRuns(String experimentId, List<RunRow> runs) {
        jdbc.inTransaction("Could not store the runs of experiment " + experimentId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO experiment_run (experiment_id,"
                    + " model_id, input_name, repetition, job_id) VALUES (?, ?, ?, ?, ?)")) {
                for (RunRow run : runs) {
                    ps.setString(1, experimentId);
                    ps.setString(2, run.modelId());
                    ps.setString(3, run.input());
                    ps.setInt(4, run.repetition());
                    ps.setString(5, run.jobId());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    public boolean markCancelled(String id) {
        return jdbc.run("Could not cancel experiment " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE experiment SET cancelled = TRUE WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<Row> find(String id) {
        return jdbc.run("Could not read experiment " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, name, definition, owner, cancelled,"
                    + " created_at FROM experiment WHERE id = ?")) {
                ps.setString(1, id);
                List<Row> rows = rows(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** The newest {@code limit} experiments. */
    public List<Row> list(int limit) {
        return jdbc.run("Could not list experiments", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, name, definition, owner, cancelled,"
                    + " created_at FROM experiment ORDER BY created_at DESC, id DESC LIMIT " + limit)) {
                return rows(ps);
            }
        });
    }

    /** An experiment's runs by model, input and repetition. */
    public List<RunRow> runs(String experimentId) {
        return jdbc.run("Could not read the runs of experiment " + experimentId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT model_id, input_name, repetition, job_id"
                    + " FROM experiment_run WHERE experiment_id = ? ORDER BY model_id, input_name, repetition")) {
                ps.setString(1, experimentId);
                List<RunRow> runs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new RunRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                    }
                }
                return runs;
            }
        });
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        Timestamps.get(rs, 6)));
            }
        }
        return rows;
    }
}
