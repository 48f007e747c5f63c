package com.sandboxopt.core;

import java.util.Map;

/**
 * What to run: a stored model with a JSON-like config (maps, lists, strings, numbers, booleans,
 * null), an optional data source id and optional limits (null means the sandbox defaults).
 */
public record ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits,
                               RuntimeKind runtime) {
    public ExecutionRequest {
        if (modelId == null || modelId.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelId is required");
        }
        config = config == null ? Map.of() : config;
        runtime = runtime == RuntimeKind.AUTO ? null : runtime;
    }

    public ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits) {
        this(modelId, config, dataSourceId, limits, null);
    }

    public static ExecutionRequest of(String modelId) {
        return new ExecutionRequest(modelId, Map.of(), null, null);
    }

    public ExecutionRequest withConfig(Map<String, Object> newConfig) {
        return new ExecutionRequest(modelId, newConfig, dataSourceId, limits, runtime);
    }

    /**
     * Sets the config from JSON text, e.g. {@code {"hours": 12}}.
     *
     * @throws SandboxException with {@link ErrorCode#INVALID_ARGUMENT} when it is not a JSON object
     */
    public ExecutionRequest withConfigJson(String json) {
        return withConfig(com.sandboxopt.core.internal.Json.readObject(json));
    }

    public ExecutionRequest withDataSourceId(String id) {
        return new ExecutionRequest(modelId, config, id, limits, runtime);
    }

    public ExecutionRequest withLimits(Limits newLimits) {
        return new ExecutionRequest(modelId, config, dataSourceId, newLimits, runtime);
    }

    /** Runs this one job on the given runtime instead of the model's; null (or AUTO) keeps the model's. */
    public ExecutionRequest withRuntime(RuntimeKind kind) {
        return new ExecutionRequest(modelId, config, dataSourceId, limits, kind);
    }
}
