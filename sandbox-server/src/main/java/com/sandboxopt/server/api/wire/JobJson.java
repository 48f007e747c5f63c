package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.Job;

import java.time.Duration;
import java.util.Map;

/**
 * A job; what it has not reached yet ({@code startedAt}, {@code result}, ...) is null, not left out. {@code node} is the
 * node that runs or ran it when several share a PostgreSQL database.
 */
public record JobJson(String jobId, String modelId, String modelName, String modelType, String status, String runtime,
                      String dataSourceId, Map<String, String> dataSources, Map<String, Object> config,
                      String createdAt, String startedAt, String finishedAt, Long durationMs, String error,
                      Object result, long lineCount, String logFilePath, String node) {

    public static JobJson of(Job job) {
        return new JobJson(job.id(), job.modelId(), job.modelName(), job.modelType().name(), job.status().wireName(),
                job.runtime().wireName(), job.dataSourceId(), job.dataSources(), job.config(),
                Times.iso(job.createdAt()), Times.iso(job.startedAt()), Times.iso(job.finishedAt()),
                job.duration().map(Duration::toMillis).orElse(null), job.error(), job.result(), job.lineCount(),
                job.logFile(), job.nodeId());
    }
}
