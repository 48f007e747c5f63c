package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * The answer of an execute: the queued job, the runtime and the exact data source ids it reads (a name
 * resolved to its version); {@code idempotencyKey} only when one was sent, {@code replayed} whether this
 * is the first request's answer again.
 */
public record ExecuteAnswer(boolean success, String jobId, String status, String logFilePath, String modelId,
                            String modelType, String runtime, String dataSourceId, Map<String, String> dataSources,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String idempotencyKey, boolean replayed) {

    public ExecuteAnswer withKey(String key) {
        return new ExecuteAnswer(success, jobId, status, logFilePath, modelId, modelType, runtime, dataSourceId,
                dataSources, key, replayed);
    }

    public ExecuteAnswer asReplayed(boolean again) {
        return new ExecuteAnswer(success, jobId, status, logFilePath, modelId, modelType, runtime, dataSourceId,
                dataSources, idempotencyKey, again);
    }
}
