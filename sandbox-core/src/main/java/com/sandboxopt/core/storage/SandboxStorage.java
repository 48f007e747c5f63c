package com.sandboxopt.core.storage;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceQuery;
import com.sandboxopt.core.DataSourceStatus;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where models, jobs and log lines are kept. The default is H2 over JDBC; every method is
 * thread-safe and fails with a {@link com.sandboxopt.core.SandboxException} of code
 * {@code STORAGE_FAILURE}.
 */
public interface SandboxStorage extends AutoCloseable {

    /** Stores a new model with its source text. */
    void insertModel(Model model, String source);

    Optional<Model> findModel(String id);

    Optional<String> findModelSource(String id);

    /** Models matching the query, newest upload first. */
    List<Model> listModels(ModelQuery query);

    /** Number of models per type (every type present, zero when none), of one status or all when null. */
    Map<ModelType, Long> countModels(ModelStatus status);

    /** Sets a model's status; returns false when there is no such model. */
    boolean updateModelStatus(String id, ModelStatus status);

    /** Stores a newly accepted job (status queued). */
    void insertJob(Job job);

    void markJobRunning(String jobId, Instant startedAt);

    /** Records how a job ended. */
    void finishJob(String jobId, JobStatus status, Instant finishedAt, String error, Object result, long lineCount);

    Optional<Job> findJob(String jobId);

    /** Jobs matching the query, newest first. */
    List<Job> listJobs(JobQuery query);

    /** Appends log lines in one transaction; lines of one job arrive in seq order. */
    void appendLogs(List<LogLine> lines);

    /** Log lines of a job matching the query, in seq order. */
    List<LogLine> readLogs(String jobId, LogQuery query);

    /** Marks every queued or running job as failed with the given error; returns how many. */
    int failUnfinishedJobs(String error, Instant at);

    /**
     * Stores a data source and its file list as the next version of its name ({@code version} of the
     * argument is ignored) and returns it as stored. The files' bytes are kept elsewhere, by hash.
     */
    default DataSource insertDataSource(DataSource dataSource) {
        throw unsupported("data sources");
    }

    default Optional<DataSource> findDataSource(String id) {
        throw unsupported("data sources");
    }

    /** The highest version stored under the name. */
    default Optional<DataSource> findLatestDataSource(String name) {
        throw unsupported("data sources");
    }

    /** Data sources matching the query, newest first. */
    default List<DataSource> listDataSources(DataSourceQuery query) {
        throw unsupported("data sources");
    }

    /** Sets a data source's status; returns false when there is no such data source. */
    default boolean updateDataSourceStatus(String id, DataSourceStatus status) {
        throw unsupported("data sources");
    }

    /** Records the files a job left; their bytes are kept elsewhere, by hash. */
    default void insertArtifacts(String jobId, List<Artifact> artifacts) {
        throw unsupported("artifacts");
    }

    /** A job's artifacts by name. */
    default List<Artifact> listArtifacts(String jobId) {
        throw unsupported("artifacts");
    }

    /**
     * The highest version stored for this file name and type (archived ones count); 0 when none. The default
     * reads the list; a storage with an index answers it directly.
     */
    default int latestModelVersion(ModelType type, String fileName) {
        return listModels(new ModelQuery(type, null)).stream().filter(m -> m.fileName().equals(fileName))
                .mapToInt(Model::version).max().orElse(0);
    }

    /** Appends a job's metric points, in seq order. */
    default void appendMetrics(List<Metric> metrics) {
        throw unsupported("metrics");
    }

    /** A job's metric points in seq order. */
    default List<Metric> readMetrics(String jobId) {
        throw unsupported("metrics");
    }

    /** What and where this storage is, for a start-up banner (e.g. {@code PostgreSQL 15.18 at jdbc:postgresql://...}). */
    default String description() {
        return getClass().getSimpleName();
    }

    private SandboxException unsupported(String what) {
        return new SandboxException(ErrorCode.STORAGE_FAILURE, getClass().getSimpleName() + " does not keep " + what);
    }

    @Override
    void close();
}
