package com.sandboxopt.server.api;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire shapes of models, jobs and log lines: field names follow docs/API.md, timestamps are ISO-8601 UTC. */
final class ApiJson {
    private ApiJson() {
    }

    static Map<String, Object> ok() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        return body;
    }

    static Map<String, Object> model(Model model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", model.id());
        json.put("model_name", model.name());
        json.put("model_type", model.type().name());
        json.put("status", model.status().wireName());
        json.put("description", model.description());
        json.put("file_name", model.fileName());
        json.put("size_bytes", model.sizeBytes());
        json.put("uploaded_at", time(model.uploadedAt()));
        json.put("runtime", model.runtime().wireName());
        json.put("runtime_reason", model.runtimeReason());
        json.put("version", model.version());
        json.put("config_defaults", model.configDefaults());
        return json;
    }

    static Map<String, Object> job(Job job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jobId", job.id());
        json.put("modelId", job.modelId());
        json.put("modelName", job.modelName());
        json.put("modelType", job.modelType().name());
        json.put("status", job.status().wireName());
        json.put("runtime", job.runtime().wireName());
        json.put("dataSourceId", job.dataSourceId());
        json.put("dataSources", new LinkedHashMap<>(job.dataSources()));
        json.put("config", job.config());
        json.put("createdAt", time(job.createdAt()));
        json.put("startedAt", time(job.startedAt()));
        json.put("finishedAt", time(job.finishedAt()));
        json.put("durationMs", job.duration().map(d -> d.toMillis()).orElse(null));
        json.put("error", job.error());
        json.put("result", job.result());
        json.put("lineCount", job.lineCount());
        json.put("logFilePath", job.logFile());
        return json;
    }

    /** A data source version: its files with their sizes and hashes; field names as a model's. */
    static Map<String, Object> dataSource(DataSource source) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", source.id());
        json.put("name", source.name());
        json.put("version", source.version());
        json.put("description", source.description());
        json.put("files", source.files().stream().map(ApiJson::dataFile).toList());
        json.put("size_bytes", source.sizeBytes());
        json.put("uploaded_at", time(source.uploadedAt()));
        json.put("status", source.status().wireName());
        return json;
    }

    static Map<String, Object> dataFile(DataFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", file.name());
        json.put("size_bytes", file.sizeBytes());
        json.put("sha256", file.sha256());
        return json;
    }

    static Map<String, Object> artifact(Artifact artifact) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", artifact.name());
        json.put("size_bytes", artifact.sizeBytes());
        json.put("content_type", artifact.contentType());
        json.put("sha256", artifact.sha256());
        return json;
    }

    /** Each runtime as {@code {"name", "available", "version", "reason"}}; reason only when it cannot run. */
    static List<Map<String, Object>> runtimes(Sandbox sandbox) {
        return sandbox.runtimes().stream().map(ApiJson::runtime).toList();
    }

    static Map<String, Object> runtime(RuntimeStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", status.name());
        json.put("available", status.available());
        json.put("version", status.version());
        if (status.reason() != null) {
            json.put("reason", status.reason());
        }
        return json;
    }

    static Map<String, Object> line(LogLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", line.seq());
        json.put("level", line.level().name());
        json.put("message", line.message());
        json.put("timestamp", time(line.timestamp()));
        return json;
    }

    static Map<String, Object> metric(Metric metric) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", metric.seq());
        json.put("name", metric.name());
        json.put("value", metric.value());
        json.put("step", metric.step());
        json.put("timestamp", time(metric.timestamp()));
        return json;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
