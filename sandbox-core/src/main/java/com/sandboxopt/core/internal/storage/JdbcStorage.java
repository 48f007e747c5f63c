package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.internal.storage.DatabasePools.Pool;
import com.sandboxopt.core.storage.SandboxStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SandboxStorage} over JDBC; the schema is created or upgraded by Flyway when it is built.
 * Thread-safe: every call borrows its own connection from the data source.
 */
public final class JdbcStorage implements SandboxStorage {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final Jdbc jdbc;
    private final ModelTable models;
    private final JobTable jobs;
    private final LogTable logs;
    private final DataSourceTable dataSources;
    private final ArtifactTable artifacts;
    private final MetricTable metrics;
    /** The pool this storage opened itself and must close; null for a caller's data source. */
    private final Pool ownPool;
    private final boolean inMemory;
    private final String description;
    /** What nodes sharing this database keep in it: PostgreSQL only (an H2 file is opened by one process). */
    private final SharedTables shared;
    private final IdempotencyTable idempotencyKeys;
    private final ScheduleTables scheduleTables;
    private final TeamTables teamTables;

    /** Uses a data source owned by the caller, who also closes it; {@link #close()} leaves it alone. */
    public JdbcStorage(DataSource dataSource) {
        this(Objects.requireNonNull(dataSource, "dataSource"), null, false);
    }

    private JdbcStorage(DataSource dataSource, Pool ownPool, boolean inMemory) {
        SchemaMigration.Dialect dialect = SchemaMigration.migrate(dataSource);
        this.description = DatabasePools.describe(dataSource);
        this.jdbc = new Jdbc(dataSource);
        this.models = new ModelTable(jdbc);
        this.jobs = new JobTable(jdbc);
        this.logs = new LogTable(jdbc);
        this.dataSources = new DataSourceTable(jdbc);
        this.artifacts = new ArtifactTable(jdbc);
        this.metrics = new MetricTable(jdbc);
        this.ownPool = ownPool;
        this.inMemory = inMemory;
        this.shared = dialect == SchemaMigration.Dialect.POSTGRESQL ? new SharedTables(new NodeTable(jdbc),
                new QueueTable(jdbc, jobs), new FileBlobTable(jdbc), new NodeChannel(jdbc, dataSource)) : null;
        this.idempotencyKeys = new IdempotencyTable(jdbc);
        this.scheduleTables = new ScheduleTables(new ScheduleTable(jdbc), dataSource);
        this.teamTables = TeamTables.of(jdbc);
    }

    /** Users, their tokens and sessions, and the audit trail. */
    public TeamTables teamTables() {
        return teamTables;
    }

    /** The schedules' tables, and this database's connections for the scheduling engine. */
    public ScheduleTables scheduleTables() {
        return scheduleTables;
    }

    /** Present when several nodes can share this database's queue and files. */
    public Optional<SharedTables> shared() {
        return Optional.ofNullable(shared);
    }

    /** The idempotency keys, in this database. */
    @Override
    public com.sandboxopt.core.storage.IdempotencyStorage idempotencyKeys() {
        return idempotencyKeys;
    }

    /** An H2 database in the files {@code <directory>/sandbox.*}; the directory is created if missing. */
    public static JdbcStorage h2File(Path directory) {
        return opened(DatabasePools.h2File(directory), false);
    }

    /** A named H2 in-memory database; it lives until {@link #close()}, which drops it. */
    public static JdbcStorage h2InMemory(String name) {
        return opened(DatabasePools.h2InMemory(name), true);
    }

    /**
     * A database at a JDBC URL ({@code jdbc:postgresql://host:5432/db}, or an H2 URL), through a HikariCP pool of at
     * most {@code maxConnections} that {@link #close()} closes.
     */
    public static JdbcStorage pooled(String url, String user, String password, int maxConnections) {
        return opened(DatabasePools.hikari(url, user, password, maxConnections), false);
    }

    private static JdbcStorage opened(Pool pool, boolean inMemory) {
        try {
            return new JdbcStorage(pool.connections(), pool, inMemory);
        } catch (RuntimeException e) {
            pool.close().run();
            throw e;
        }
    }

    @Override
    public void insertModel(Model model, String source) {
        models.insert(model, source);
    }

    @Override
    public Optional<Model> findModel(String id) {
        return models.find(id);
    }

    @Override
    public Optional<String> findModelSource(String id) {
        return models.findSource(id);
    }

    @Override
    public List<Model> listModels(ModelQuery query) {
        return models.list(query);
    }

    @Override
    public Map<ModelType, Long> countModels(ModelStatus status) {
        return models.countByType(status);
    }

    @Override
    public boolean updateModelStatus(String id, ModelStatus status) {
        return models.updateStatus(id, status);
    }

    @Override
    public void insertJob(Job job) {
        jobs.insert(job);
    }

    /** Does nothing unless the job is still queued (it may have been cancelled while waiting). */
    @Override
    public void markJobRunning(String jobId, Instant startedAt) {
        jobs.markRunning(jobId, startedAt);
    }

    @Override
    public void recordUsage(String jobId, JobUsage usage) {
        jobs.recordUsage(jobId, usage);
    }

    @Override
    public void finishJob(String jobId, JobStatus status, Instant finishedAt, String error, Object result, long lineCount) {
        jobs.finish(jobId, status, finishedAt, error, result, lineCount);
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return jobs.find(jobId);
    }

    @Override
    public List<Job> listJobs(JobQuery query) {
        return jobs.list(query);
    }

    /** Also raises each job's line count to its highest stored seq, so running jobs show progress. */
    @Override
    public void appendLogs(List<LogLine> lines) {
        logs.append(lines);
    }

    @Override
    public List<LogLine> readLogs(String jobId, LogQuery query) {
        return logs.read(jobId, query);
    }

    @Override
    public int failUnfinishedJobs(String error, Instant at) {
        return jobs.failUnfinished(error, at);
    }

    @Override
    public com.sandboxopt.core.DataSource insertDataSource(com.sandboxopt.core.DataSource dataSource) {
        return dataSources.insert(dataSource);
    }

    @Override
    public Optional<com.sandboxopt.core.DataSource> findDataSource(String id) {
        return dataSources.find(id);
    }

    @Override
    public Optional<com.sandboxopt.core.DataSource> findLatestDataSource(String name) {
        return dataSources.findLatest(name);
    }

    @Override
    public List<com.sandboxopt.core.DataSource> listDataSources(com.sandboxopt.core.DataSourceQuery query) {
        return dataSources.list(query);
    }

    @Override
    public boolean updateDataSourceStatus(String id, com.sandboxopt.core.DataSourceStatus status) {
        return dataSources.updateStatus(id, status);
    }

    @Override
    public void insertArtifacts(String jobId, List<com.sandboxopt.core.Artifact> stored) {
        artifacts.insert(jobId, stored);
    }

    @Override
    public List<com.sandboxopt.core.Artifact> listArtifacts(String jobId) {
        return artifacts.list(jobId);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int latestModelVersion(ModelType type, String fileName) {
        return models.latestVersion(type, fileName);
    }

    @Override
    public void appendMetrics(List<com.sandboxopt.core.Metric> points) {
        metrics.append(points);
    }

    @Override
    public List<com.sandboxopt.core.Metric> readMetrics(String jobId) {
        return metrics.read(jobId);
    }

    /**
     * Disposes the pool this storage opened. A file database then closes with its last connection,
     * after any call still in flight; an in-memory one is shut down first, which drops it. A caller's
     * data source is left open. Later calls fail with STORAGE_FAILURE; closing again does nothing.
     */
    @Override
    public void close() {
        if (!jdbc.markClosed() || ownPool == null) {
            return;
        }
        if (inMemory) {
            try (Connection connection = ownPool.connections().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.warn("Could not drop the in-memory sandbox database: {}", e.getMessage(), e);
            }
        }
        ownPool.close().run();
    }
}
