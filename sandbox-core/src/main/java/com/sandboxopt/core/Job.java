package com.sandboxopt.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one execution of a model.
 *
 * @param id           job id {@code <TYPE>_<epochMillis>_<6 chars>}
 * @param modelId      the model it runs
 * @param modelName    the model's stored name
 * @param modelType    the model's type
 * @param status       current status
 * @param config       the config it was started with (JSON-like values)
 * @param dataSourceId the exact id of the data source it reads under {@code data/} (a name given at execute is
 *                     resolved to its version's id), may be null
 * @param createdAt    when it was accepted
 * @param startedAt    when it started running, null while queued
 * @param finishedAt   when it ended, null until then
 * @param error        why it did not succeed, null otherwise
 * @param result       what the model passed to {@code sandbox.result(...)}, JSON-like, may be null
 * @param logFile      absolute path of the job's log file
 * @param lineCount    log lines stored so far (final once the job has ended)
 * @param runtime      where it runs: {@link RuntimeKind#GRAALPY} or {@link RuntimeKind#CPYTHON}
 * @param dataSources  alias to the exact id of each data source it reads under {@code data/<alias>/}; empty when none
 * @param nodeId       the node that runs or ran it, when several share a PostgreSQL database; null otherwise and
 *                     while it is queued
 */
public record Job(String id, String modelId, String modelName, ModelType modelType, JobStatus status,
                  Map<String, Object> config, String dataSourceId, Instant createdAt, Instant startedAt,
                  Instant finishedAt, String error, Object result, String logFile, long lineCount,
                  RuntimeKind runtime, Map<String, String> dataSources, String nodeId) {
    public Job {
        config = config == null ? Map.of() : config;
        runtime = runtime == null || runtime == RuntimeKind.AUTO ? RuntimeKind.GRAALPY : runtime;
        dataSources = dataSources == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dataSources));
    }

    /** A job that no node of a shared database has claimed (or of a database of its own). */
    public Job(String id, String modelId, String modelName, ModelType modelType, JobStatus status,
               Map<String, Object> config, String dataSourceId, Instant createdAt, Instant startedAt,
               Instant finishedAt, String error, Object result, String logFile, long lineCount, RuntimeKind runtime,
               Map<String, String> dataSources) {
        this(id, modelId, modelName, modelType, status, config, dataSourceId, createdAt, startedAt, finishedAt, error,
                result, logFile, lineCount, runtime, dataSources, null);
    }

    /** A job without aliased data sources. */
    public Job(String id, String modelId, String modelName, ModelType modelType, JobStatus status,
               Map<String, Object> config, String dataSourceId, Instant createdAt, Instant startedAt,
               Instant finishedAt, String error, Object result, String logFile, long lineCount, RuntimeKind runtime) {
        this(id, modelId, modelName, modelType, status, config, dataSourceId, createdAt, startedAt, finishedAt, error,
                result, logFile, lineCount, runtime, Map.of());
    }

    /** A job that runs on GraalPy. */
    public Job(String id, String modelId, String modelName, ModelType modelType, JobStatus status,
               Map<String, Object> config, String dataSourceId, Instant createdAt, Instant startedAt,
               Instant finishedAt, String error, Object result, String logFile, long lineCount) {
        this(id, modelId, modelName, modelType, status, config, dataSourceId, createdAt, startedAt, finishedAt, error,
                result, logFile, lineCount, RuntimeKind.GRAALPY);
    }

    /** Run time from start to end (or to now while running); empty while queued. */
    public Optional<Duration> duration() {
        if (startedAt == null) {
            return Optional.empty();
        }
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        return Optional.of(Duration.between(startedAt, end));
    }
}
