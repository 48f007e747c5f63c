package com.sandboxopt.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to run: a stored model with a JSON-like config (maps, lists, strings, numbers, booleans,
 * null), optional data sources and optional limits (null means the sandbox defaults).
 *
 * @param dataSourceId an id or a name (its latest version) whose files the job reads under {@code data/}; may be null
 * @param dataSources  alias to id or name, each mounted under {@code data/<alias>/}; empty when none
 * @param runtime      the runtime for this job only; null keeps the model's
 * @param publishAs    the data source whose next version the job's {@code output/} becomes when it succeeds; null
 * @param deadline     when the job must have ended (see {@link #withDeadline}); null for none
 * @param owner        the user the job runs for (see {@link #withOwner}); null without users
 * @param priority     0 (the default) to 9 (see {@link #withPriority}); null for the default
 */
public record ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits,
                               RuntimeKind runtime, Map<String, String> dataSources, String publishAs, Instant deadline,
                               String owner, Integer priority) {
    public ExecutionRequest {
        if (modelId == null || modelId.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelId is required");
        }
        config = config == null ? Map.of() : config;
        runtime = runtime == RuntimeKind.AUTO ? null : runtime;
        dataSourceId = dataSourceId == null || dataSourceId.isBlank() ? null : dataSourceId.strip();
        dataSources = dataSources == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
        publishAs = publishAs == null || publishAs.isBlank() ? null : publishAs.strip();
    }

    public ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits,
                            RuntimeKind runtime, Map<String, String> dataSources, String publishAs, Instant deadline) {
        this(modelId, config, dataSourceId, limits, runtime, dataSources, publishAs, deadline, null, null);
    }

    public ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits,
                            RuntimeKind runtime, Map<String, String> dataSources, String publishAs) {
        this(modelId, config, dataSourceId, limits, runtime, dataSources, publishAs, null);
    }

    public ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits,
                            RuntimeKind runtime, Map<String, String> dataSources) {
        this(modelId, config, dataSourceId, limits, runtime, dataSources, null);
    }

    public ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits,
                            RuntimeKind runtime) {
        this(modelId, config, dataSourceId, limits, runtime, Map.of());
    }

    public ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits) {
        this(modelId, config, dataSourceId, limits, null);
    }

    public static ExecutionRequest of(String modelId) {
        return new ExecutionRequest(modelId, Map.of(), null, null);
    }

    public ExecutionRequest withConfig(Map<String, Object> newConfig) {
        return new ExecutionRequest(modelId, newConfig, dataSourceId, limits, runtime, dataSources, publishAs,
                deadline, owner, priority);
    }

    /**
     * Sets the config from JSON text, e.g. {@code {"hours": 12}}.
     *
     * @throws SandboxException with {@link ErrorCode#INVALID_ARGUMENT} when it is not a JSON object
     */
    public ExecutionRequest withConfigJson(String json) {
        return withConfig(ConfigJson.read(json));
    }

    /** The data source (an id, or a name for its latest version) whose files the job reads under {@code data/}. */
    public ExecutionRequest withDataSourceId(String idOrName) {
        return new ExecutionRequest(modelId, config, idOrName, limits, runtime, dataSources, publishAs, deadline,
                owner, priority);
    }

    /** Data sources by alias (alias to id or name), each read under {@code data/<alias>/}. */
    public ExecutionRequest withDataSources(Map<String, String> byAlias) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, runtime, byAlias, publishAs, deadline,
                owner, priority);
    }

    public ExecutionRequest withLimits(Limits newLimits) {
        return new ExecutionRequest(modelId, config, dataSourceId, newLimits, runtime, dataSources, publishAs,
                deadline, owner, priority);
    }

    /**
     * When the job succeeds, the files it left under {@code output/} become the next version of the data source of
     * this name ({@code producedBy} names the job); null publishes nothing.
     */
    public ExecutionRequest withPublishAs(String dataSourceName) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, runtime, dataSources, dataSourceName,
                deadline, owner, priority);
    }

    /** Runs this one job on the given runtime instead of the model's; null (or AUTO) keeps the model's. */
    public ExecutionRequest withRuntime(RuntimeKind kind) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, kind, dataSources, publishAs, deadline,
                owner, priority);
    }

    /**
     * The instant by which the job must have ended; null for none. Past it the job is stopped as {@code timed_out}
     * (so is one still queued then), and each solve inside it gets the time left before it less a reserve (a tenth
     * of that time, at least 2 s), so that the solver hands back its best solution and the model can still write
     * it. {@code execute} refuses a deadline that has already passed.
     */
    public ExecutionRequest withDeadline(Instant newDeadline) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, runtime, dataSources, publishAs,
                newDeadline, owner, priority);
    }

    /**
     * The user the job runs for: its owner, who may cancel it, and whose share of the queue it takes. Null without
     * users; a schedule's jobs are its owner's.
     */
    public ExecutionRequest withOwner(String username) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, runtime, dataSources, publishAs, deadline,
                username, priority);
    }

    /**
     * Where the job stands among those waiting: 0 (the default) to 9, the higher first; among equals, users take
     * turns. A Sandbox accepts any of them; the server keeps 9 for admins.
     */
    public ExecutionRequest withPriority(int newPriority) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, runtime, dataSources, publishAs, deadline,
                owner, newPriority);
    }
}
