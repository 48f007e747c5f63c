package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.Json;
import com.sandboxopt.core.storage.SandboxStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SandboxStorage} over JDBC; the schema is created and upgraded by Flyway on construction.
 * Thread-safe: every call borrows its own connection from the data source.
 */
public final class JdbcStorage implements SandboxStorage {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    /** Lines per executeBatch: bounds the driver's copy of the parameters, all still in one transaction. */
    static final int LOG_BATCH_SIZE = 5_000;

    private static final String INSERT_LOG = "INSERT INTO job_log (" + Rows.LOG_COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    // "ORDER BY job_id, seq", not just seq: only then does H2 walk the primary key in order and stop at
    // the limit instead of sorting every remaining line of the job (30 s instead of 1 s for 1M lines)
    private static final String READ_LOGS = "SELECT " + Rows.LOG_COLUMNS
            + " FROM job_log WHERE job_id = ? AND seq > ? ORDER BY job_id, seq LIMIT ?";
    private static final String READ_LOGS_OF_LEVEL = "SELECT " + Rows.LOG_COLUMNS
            + " FROM job_log WHERE job_id = ? AND seq > ? AND level = ? ORDER BY job_id, seq LIMIT ?";

    private final Jdbc jdbc;
    private final boolean shutdownOnClose;
    private final JdbcConnectionPool ownPool;

    /** Uses a data source owned by the caller, who also closes it; {@link #close()} leaves it alone. */
    public JdbcStorage(DataSource dataSource) {
        this(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    private JdbcStorage(DataSource dataSource, JdbcConnectionPool ownPool) {
        this.jdbc = new Jdbc(dataSource);
        this.ownPool = ownPool;
        this.shutdownOnClose = ownPool != null;
        SchemaMigration.migrate(dataSource);
    }

    /** An H2 database in the files {@code <directory>/sandbox.*}; the directory is created if missing. */
    public static JdbcStorage h2File(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE,
                    "Could not create the database directory " + dir + ": " + e.getMessage(), e);
        }
        return h2("jdbc:h2:file:" + dir.resolve("sandbox"));
    }

    /** A named H2 in-memory database; it lives until {@link #close()}, which drops it. */
    public static JdbcStorage h2InMemory(String name) {
        return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static JdbcStorage h2(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            return new JdbcStorage(pool, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    @Override
    public void insertModel(Model model, String source) {
        Objects.requireNonNull(source, "source");
        jdbc.run("Could not store model " + model.id(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO optimization_model ("
                    + Rows.MODEL_COLUMNS + ", source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, model.id());
                ps.setString(2, model.name());
                ps.setString(3, model.fileName());
                ps.setString(4, model.type().name());
                ps.setString(5, model.status().wireName());
                ps.setString(6, model.description());
                ps.setLong(7, model.sizeBytes());
                Rows.setInstant(ps, 8, model.uploadedAt());
                ps.setString(9, source);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Model> findModel(String id) {
        return jdbc.run("Could not read model " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT " + Rows.MODEL_COLUMNS + " FROM optimization_model WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.model(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<String> findModelSource(String id) {
        return jdbc.run("Could not read the source of model " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT source FROM optimization_model WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Model> listModels(ModelQuery query) {
        Where where = new Where()
                .equal("model_type", query.type() == null ? null : query.type().name())
                .equal("status", query.status() == null ? null : query.status().wireName());
        return jdbc.run("Could not list models", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + Rows.MODEL_COLUMNS
                    + " FROM optimization_model" + where.sql() + " ORDER BY uploaded_at DESC, id")) {
                where.bind(ps, 1);
                List<Model> models = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        models.add(Rows.model(rs));
                    }
                }
                return models;
            }
        });
    }

    @Override
    public Map<ModelType, Long> countModels(ModelStatus status) {
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

    @Override
    public boolean updateModelStatus(String id, ModelStatus status) {
        return jdbc.run("Could not set the status of model " + id + " to " + status.wireName(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE optimization_model SET status = ? WHERE id = ?")) {
                ps.setString(1, status.wireName());
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void insertJob(Job job) {
        jdbc.run("Could not store job " + job.id(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO job_run (" + Rows.JOB_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, job.id());
                ps.setString(2, job.modelId());
                ps.setString(3, job.modelName());
                ps.setString(4, job.modelType().name());
                ps.setString(5, job.status().wireName());
                ps.setString(6, Json.write(job.config()));
                ps.setString(7, job.dataSourceId());
                Rows.setInstant(ps, 8, job.createdAt());
                Rows.setInstant(ps, 9, job.startedAt());
                Rows.setInstant(ps, 10, job.finishedAt());
                ps.setString(11, job.error());
                ps.setString(12, json(job.result()));
                ps.setString(13, job.logFile());
                ps.setLong(14, job.lineCount());
                return ps.executeUpdate();
            }
        });
    }

    /** Only a queued job starts: one cancelled while it waited must not come back to life. */
    @Override
    public void markJobRunning(String jobId, Instant startedAt) {
        jdbc.run("Could not mark job " + jobId + " running", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE job_run SET status = ?, started_at = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, JobStatus.RUNNING.wireName());
                Rows.setInstant(ps, 2, startedAt);
                ps.setString(3, jobId);
                ps.setString(4, JobStatus.QUEUED.wireName());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void finishJob(String jobId, JobStatus status, Instant finishedAt, String error, Object result, long lineCount) {
        String resultJson = json(result);
        jdbc.run("Could not store the end of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE job_run SET status = ?, finished_at = ?,"
                    + " error = ?, result = ?, line_count = ? WHERE id = ?")) {
                ps.setString(1, status.wireName());
                Rows.setInstant(ps, 2, finishedAt);
                ps.setString(3, error);
                ps.setString(4, resultJson);
                ps.setLong(5, lineCount);
                ps.setString(6, jobId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return jdbc.run("Could not read job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + Rows.JOB_COLUMNS + " FROM job_run WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.job(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Job> listJobs(JobQuery query) {
        Where where = new Where()
                .equal("model_type", query.modelType() == null ? null : query.modelType().name())
                .equal("status", query.status() == null ? null : query.status().wireName())
                .equal("model_id", query.modelId());
        return jdbc.run("Could not list jobs", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + Rows.JOB_COLUMNS + " FROM job_run"
                    + where.sql() + where.orderBy("created_at DESC, id") + " LIMIT ?")) {
                int next = where.bind(ps, 1);
                ps.setInt(next, query.limit());
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(Rows.job(rs));
                    }
                }
                return jobs;
            }
        });
    }

    /**
     * The hot path: one prepared statement, JDBC batches and a single commit for all lines. The
     * jobs' line counts move up to the highest seq stored, so a running job shows its progress.
     */
    @Override
    public void appendLogs(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.inTransaction("Could not store log lines of " + jobsOf(lines), connection -> {
            Map<String, Long> maxSeqByJob = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(INSERT_LOG)) {
                int pending = 0;
                for (LogLine line : lines) {
                    ps.setString(1, line.jobId());
                    ps.setLong(2, line.seq());
                    ps.setString(3, (line.level() == null ? LogLevel.INFO : line.level()).name());
                    ps.setString(4, line.message() == null ? "" : line.message());
                    Rows.setInstant(ps, 5, line.timestamp());
                    ps.addBatch();
                    maxSeqByJob.merge(line.jobId(), line.seq(), Math::max);
                    if (++pending == LOG_BATCH_SIZE) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            raiseLineCounts(connection, maxSeqByJob);
            return null;
        });
    }

    private static void raiseLineCounts(Connection connection, Map<String, Long> maxSeqByJob) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE job_run SET line_count = ? WHERE id = ? AND line_count < ?")) {
            for (Map.Entry<String, Long> entry : maxSeqByJob.entrySet()) {
                ps.setLong(1, entry.getValue());
                ps.setString(2, entry.getKey());
                ps.setLong(3, entry.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<LogLine> readLogs(String jobId, LogQuery query) {
        return jdbc.run("Could not read log lines of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(query.level() == null ? READ_LOGS : READ_LOGS_OF_LEVEL)) {
                int index = 1;
                ps.setString(index++, jobId);
                ps.setLong(index++, query.afterSeq());
                if (query.level() != null) {
                    ps.setString(index++, query.level().name());
                }
                ps.setInt(index, query.limit());
                List<LogLine> lines = new ArrayList<>(Math.min(query.limit(), 1_024));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(Rows.logLine(rs));
                    }
                }
                return lines;
            }
        });
    }

    @Override
    public int failUnfinishedJobs(String error, Instant at) {
        return jdbc.run("Could not fail unfinished jobs", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE job_run SET status = ?, error = ?, finished_at = ? WHERE status IN (?, ?)")) {
                ps.setString(1, JobStatus.FAILED.wireName());
                ps.setString(2, error);
                Rows.setInstant(ps, 3, at);
                ps.setString(4, JobStatus.QUEUED.wireName());
                ps.setString(5, JobStatus.RUNNING.wireName());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Closes an H2 database this storage opened: SHUTDOWN releases the file lock before we return and
     * drops an in-memory database, then the pool is disposed. A caller's data source is left open.
     */
    @Override
    public void close() {
        if (jdbc.isClosed()) {
            return;
        }
        jdbc.markClosed();
        if (!shutdownOnClose) {
            return;
        }
        try (Connection connection = ownPool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("Could not shut the sandbox database down cleanly: {}", e.getMessage(), e);
        } finally {
            ownPool.dispose();
        }
    }

    private static String json(Object value) {
        return value == null ? null : Json.write(value);
    }

    /** Names the job(s) in a failure message without listing thousands of ids. */
    private static String jobsOf(List<LogLine> lines) {
        String first = lines.get(0).jobId();
        String last = lines.get(lines.size() - 1).jobId();
        return Objects.equals(first, last) ? "job " + first : "jobs " + first + " to " + last;
    }
}
