package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobInputs;
import com.sandboxopt.core.JobModel;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobOutcome;
import com.sandboxopt.core.JobPlacement;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobTimes;
import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.internal.util.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job_run table; config and result are kept as JSON text.
 * <p>
 * Its {@code log_file} column is no longer written (new rows leave it NULL) nor read: the path was the accepting
 * node's, while the file is where the job runs, and {@code Jobs.logFile} works it out from the job id on the node that
 * asks. The column stays so existing databases open without a migration and keep their rows readable.
 */
final class JobTable {
    static final String COLUMNS = "id, model_id, model_name, model_type, status, config, data_source_id,"
            + " created_at, started_at, finished_at, error, result, line_count, runtime, data_sources, node_id,"
            + " schedule_id, scheduled_for, publish_as, deadline, owner, priority, experiment_id, cpu_ms,"
            + " peak_memory_bytes";
    /** How many columns {@link #COLUMNS} names: what a query selects after them starts at the next index. */
    static final int COLUMN_COUNT = 25;

    private final Jdbc jdbc;

    JobTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Job job) {
        insert(job, null);
    }

    /** With the job's limits as JSON, for a node other than the one that accepted it; null when not shared. */
    void insert(Job job, String limitsJson) {
        String config = Json.write(job.inputs().config());
        String result = json(job.result());
        jdbc.run("Could not store job " + job.id(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO job_run (" + COLUMNS + ", limits)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, job.id());
                ps.setString(2, job.model().id());
                ps.setString(3, job.model().name());
                ps.setString(4, job.model().type().name());
                ps.setString(5, job.status().wireName());
                ps.setString(6, config);
                ps.setString(7, job.inputs().dataSourceId());
                Timestamps.set(ps, 8, job.times().createdAt());
                Timestamps.set(ps, 9, job.times().startedAt());
                Timestamps.set(ps, 10, job.times().finishedAt());
                ps.setString(11, job.error());
                ps.setString(12, result);
                ps.setLong(13, job.outcome().lineCount());
                ps.setString(14, job.placement().runtime().wireName());
                Map<String, String> aliases = job.inputs().dataSources();
                ps.setString(15, aliases.isEmpty() ? null : Json.write(aliases));
                ps.setString(16, job.placement().nodeId());
                ps.setString(17, job.origin().scheduleId());
                Timestamps.set(ps, 18, job.origin().scheduledFor());
                ps.setString(19, job.inputs().publishAs());
                Timestamps.set(ps, 20, job.times().deadline());
                ps.setString(21, job.origin().owner());
                ps.setInt(22, job.origin().priority());
                ps.setString(23, job.origin().experimentId());
                ps.setObject(24, job.usage().cpuMs(), Types.BIGINT);
                ps.setObject(25, job.usage().peakMemoryBytes(), Types.BIGINT);
                ps.setString(26, limitsJson);
                return ps.executeUpdate();
            }
        });
    }

    /** Only a queued job starts: one cancelled while it waited must not come back to life. */
    void markRunning(String jobId, Instant startedAt) {
        jdbc.run("Could not mark job " + jobId + " running", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE job_run SET status = ?, started_at = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, JobStatus.RUNNING.wireName());
                Timestamps.set(ps, 2, startedAt);
                ps.setString(3, jobId);
                ps.setString(4, JobStatus.QUEUED.wireName());
                return ps.executeUpdate();
            }
        });
    }

    /** A job that already ended keeps its end: on several nodes another node may have failed it meanwhile. */
    void finish(String jobId, JobStatus status, Instant finishedAt, String error, Object result, long lineCount) {
        String resultJson = json(result);
        jdbc.run("Could not store the end of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE job_run SET status = ?, finished_at = ?,"
                    + " error = ?, result = ?, line_count = ? WHERE id = ? AND status IN (?, ?)")) {
                ps.setString(1, status.wireName());
                Timestamps.set(ps, 2, finishedAt);
                ps.setString(3, error);
                ps.setString(4, resultJson);
                ps.setLong(5, lineCount);
                ps.setString(6, jobId);
                ps.setString(7, JobStatus.QUEUED.wireName());
                ps.setString(8, JobStatus.RUNNING.wireName());
                return ps.executeUpdate();
            }
        });
    }

    /** Written whatever the job's status: it is what ran, even where another node has ended the job meanwhile. */
    void recordUsage(String jobId, JobUsage usage) {
        jdbc.run("Could not store the usage of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE job_run SET cpu_ms = ?, peak_memory_bytes = ? WHERE id = ?")) {
                ps.setObject(1, usage.cpuMs(), Types.BIGINT);
                ps.setObject(2, usage.peakMemoryBytes(), Types.BIGINT);
                ps.setString(3, jobId);
                return ps.executeUpdate();
            }
        });
    }

    Optional<Job> find(String jobId) {
        return jdbc.run("Could not read job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM job_run WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Newest first (id breaks ties), read straight off the matching index of V1 without sorting. */
    List<Job> list(JobQuery query) {
        Where where = new Where()
                .equal("model_type", query.modelType() == null ? null : query.modelType().name())
                .equal("status", query.status() == null ? null : query.status().wireName())
                .equal("model_id", query.modelId())
                .equal("schedule_id", query.scheduleId());
        return jdbc.run("Could not list jobs", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM job_run"
                    + where.sql() + where.orderBy("created_at DESC, id") + " LIMIT ?")) {
                ps.setInt(where.bind(ps, 1), query.limit());
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(job(rs));
                    }
                }
                return jobs;
            }
        });
    }

    int failUnfinished(String error, Instant at) {
        return jdbc.run("Could not fail unfinished jobs", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE job_run SET status = ?, error = ?, finished_at = ? WHERE status IN (?, ?)")) {
                ps.setString(1, JobStatus.FAILED.wireName());
                ps.setString(2, error);
                Timestamps.set(ps, 3, at);
                ps.setString(4, JobStatus.QUEUED.wireName());
                ps.setString(5, JobStatus.RUNNING.wireName());
                return ps.executeUpdate();
            }
        });
    }

    /** A null result is stored as SQL NULL rather than the JSON text "null". */
    private static String json(Object value) {
        return value == null ? null : Json.write(value);
    }

    static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1),
                new JobModel(rs.getString(2), rs.getString(3), ModelType.valueOf(rs.getString(4))),
                new JobInputs(Json.readObject(rs.getString(6)), rs.getString(7), aliases(rs.getString(15)), rs.getString(19)),
                new JobPlacement(RuntimeKind.parse(rs.getString(14)), rs.getString(16)),
                new JobTimes(Timestamps.get(rs, 8), Timestamps.get(rs, 9), Timestamps.get(rs, 10), Timestamps.get(rs, 20)),
                new JobOutcome(JobStatus.parse(rs.getString(5)), rs.getString(11), Json.read(rs.getString(12)),
                        rs.getLong(13)),
                new JobOrigin(rs.getString(17), Timestamps.get(rs, 18), rs.getString(21), rs.getInt(22),
                        rs.getString(23)),
                new JobUsage(longOrNull(rs, 24), longOrNull(rs, 25)));
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Map<String, String> aliases(String json) {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (json != null) {
            Json.readObject(json).forEach((alias, id) -> aliases.put(alias, String.valueOf(id)));
        }
        return aliases;
    }
}
