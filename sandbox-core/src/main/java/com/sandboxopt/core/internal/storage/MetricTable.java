package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Metric;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The job_metric table. */
final class MetricTable {
    private final Jdbc jdbc;

    MetricTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void append(List<Metric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        jdbc.inTransaction("Could not store the metrics of job " + metrics.get(0).jobId(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO job_metric (job_id, seq, name, metric_value, step, ts) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Metric metric : metrics) {
                    ps.setString(1, metric.jobId());
                    ps.setLong(2, metric.seq());
                    ps.setString(3, metric.name());
                    ps.setDouble(4, metric.value());
                    if (metric.step() == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, metric.step());
                    }
                    Timestamps.set(ps, 6, metric.timestamp());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    List<Metric> read(String jobId) {
        return jdbc.run("Could not read the metrics of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT seq, name, metric_value, step, ts FROM job_metric WHERE job_id = ? ORDER BY seq")) {
                ps.setString(1, jobId);
                List<Metric> metrics = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long step = rs.getLong(4);
                        Long stepOrNull = rs.wasNull() ? null : step;
                        metrics.add(new Metric(jobId, rs.getLong(1), rs.getString(2), rs.getDouble(3), stepOrNull,
                                Timestamps.get(rs, 5)));
                    }
                }
                return metrics;
            }
        });
    }
}
