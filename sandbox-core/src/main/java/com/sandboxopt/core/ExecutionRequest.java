package com.sandboxopt.core;

import java.util.Map;

/**
 * What to run: a stored model with a JSON-like config (maps, lists, strings, numbers, booleans,
 * null), an optional data source id and optional limits (null means the sandbox defaults).
 */
public record ExecutionRequest(String modelId, Map<String, Object> config, String dataSourceId, Limits limits) {
    public ExecutionRequest {
        if (modelId == null || modelId.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelId is required");
        }
        config = config == null ? Map.of() : config;
    }

    public static ExecutionRequest of(String modelId) {
        return new ExecutionRequest(modelId, Map.of(), null, null);
    }

    public ExecutionRequest withConfig(Map<String, Object> newConfig) {
        return new ExecutionRequest(modelId, newConfig, dataSourceId, limits);
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
        return new ExecutionRequest(modelId, config, id, limits);
    }

    public ExecutionRequest withLimits(Limits newLimits) {
        return new ExecutionRequest(modelId, config, dataSourceId, newLimits);
    }
}
