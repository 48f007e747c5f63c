package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.internal.util.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The optimization_model table. */
final class ModelTable {
    private static final String COLUMNS =
            "id, model_name, file_name, model_type, status, description, size_bytes, uploaded_at, runtime, runtime_reason,"
            + " version, config_defaults, owner";

    private final Jdbc jdbc;

    ModelTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Model model, String source) {
        Objects.requireNonNull(source, "source");
        jdbc.run("Could not store model " + model.id(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO optimization_model (" + COLUMNS + ", source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?)")) {
                ps.setString(1, model.id());
                ps.setString(2, model.name());
                ps.setString(3, model.fileName());
                ps.setString(4, model.type().name());
                ps.setString(5, model.status().wireName());
                ps.setString(6, model.description());
                ps.setLong(7, model.sizeBytes());
                Timestamps.set(ps, 8, model.uploadedAt());
                ps.setString(9, model.runtime().wireName());
                ps.setString(10, truncate(model.runtimeReason()));
                ps.setInt(11, model.version());
                ps.setString(12, model.configDefaults().isEmpty() ? null : Json.write(model.configDefaults()));
                ps.setString(13, model.owner());
                ps.setString(14, source);
                return ps.executeUpdate();
            }
        });
    }

    Optional<Model> find(String id) {
        return jdbc.run("Could not read model " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM optimization_model WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(model(rs)) : Optional.empty();
                }
            }
        });
    }

    Optional<String> findSource(String id) {
        return jdbc.run("Could not read the source of model " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT source FROM optimization_model WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Newest upload first; the id breaks ties so the order is stable. */
    List<Model> list(ModelQuery query) {
        Where where = new Where()
                .equal("model_type", query.type() == null ? null : query.type().name())
                .equal("status", query.status() == null ? null : query.status().wireName());
        return jdbc.run("Could not list models", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM optimization_model"
                    + where.sql() + " ORDER BY uploaded_at DESC, id")) {
                where.bind(ps, 1);
                List<Model> models = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        models.add(model(rs));
                    }
                }
                return models;
            }
        });
    }

    Map<ModelType, Long> countByType(ModelStatus status) {
        Where where = new Where().equal("status", status == null ? null : status.wireName());
        return jdbc.run("Could not count models", connection -> {
            Map<ModelType, Long> counts = new EnumMap<>(ModelType.class);
            for (ModelType type : ModelType.values()) {
                counts.put(type, 0L);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT model_type, COUNT(*) FROM optimization_model" + where.sql() + " GROUP BY model_type")) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(ModelType.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    int latestVersion(ModelType type, String fileName) {
        return jdbc.run("Could not read the versions of " + fileName, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT COALESCE(MAX(version), 0) FROM optimization_model WHERE model_type = ? AND file_name = ?")) {
                ps.setString(1, type.name());
                ps.setString(2, fileName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    boolean updateStatus(String id, ModelStatus status) {
        return jdbc.run("Could not set the status of model " + id + " to " + status.wireName(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE optimization_model SET status = ? WHERE id = ?")) {
                ps.setString(1, status.wireName());
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Model model(ResultSet rs) throws SQLException {
        return new Model(rs.getString(1), rs.getString(2), rs.getString(3), ModelType.valueOf(rs.getString(4)),
                ModelStatus.parse(rs.getString(5)), rs.getString(6), rs.getLong(7), Timestamps.get(rs, 8),
                RuntimeKind.parse(rs.getString(9)), rs.getString(10), rs.getInt(11), Json.readObject(rs.getString(12)),
                rs.getString(13));
    }

    private static String truncate(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }
}
