package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of the typed answers keeps its fields: nulls written, in docs/API.md's order, extras only when set. */
class WireShapesTest {
    private final Api api = TestServers.open();

    private static final List<String> JOB_FIELDS = List.of("jobId", "modelId", "modelName", "modelType", "status",
            "runtime", "dataSourceId", "dataSources", "config", "createdAt", "startedAt", "finishedAt", "deadline",
            "durationMs", "cpuMs", "peakMemoryBytes", "error", "result", "lineCount", "logFilePath", "node", "scheduleId", "scheduledFor", "publishAs",
            "owner", "priority", "experimentId");

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aJobNotYetEndedHasItsNullFields() {
        String modelId = api.uploadModel("wire_forever.py", Models.FOREVER, "SO");
        JsonNode answer = api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\"}").json();
        assertThat(fields(answer)).containsExactly("success", "jobId", "status", "logFilePath", "modelId", "modelType",
                "runtime", "dataSourceId", "dataSources", "replayed"); // no idempotencyKey without a key
        String jobId = answer.get("jobId").asText();
        try {
            JsonNode job = api.job(jobId);
            assertThat(fields(job)).containsExactlyElementsOf(JOB_FIELDS);
            for (String field : List.of("dataSourceId", "finishedAt", "deadline", "cpuMs", "peakMemoryBytes", "error",
                    "result")) {
                assertThat(job.get(field).isNull()).as(field + " in " + job).isTrue();
            }
        } finally {
            api.post("/api/optimization/jobs/" + jobId + "/cancel");
        }
        JsonNode ended = api.awaitEnded(jobId, Duration.ofSeconds(60));
        assertThat(fields(ended)).containsExactlyElementsOf(JOB_FIELDS);
        assertThat(ended.get("result").isNull()).isTrue();
    }

    @Test
    void anEndedJobSaysWhatItUsed() {
        String modelId = api.uploadModel("wire_usage.py", "data = b'x' * (32 << 20)\nprint(len(data))\n", "DMO");
        String jobId = api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\"}").json()
                .get("jobId").asText();

        JsonNode ended = api.awaitEnded(jobId, Duration.ofSeconds(60));

        assertThat(ended.get("status").asText()).isEqualTo("success");
        assertThat(ended.get("cpuMs").isIntegralNumber()).as(ended.toString()).isTrue();
        assertThat(ended.get("cpuMs").asLong()).isNotNegative();
        JsonNode peak = ended.get("peakMemoryBytes");
        if (ended.get("runtime").asText().equals("graalpy")) {
            assertThat(peak.isNull()).as("no peak of its own in the JVM's heap: " + ended).isTrue();
        } else if (cpythonHasCgroups()) {
            assertThat(peak.asLong()).as("32 MiB held: " + ended).isGreaterThanOrEqualTo(32L << 20);
        } else {
            assertThat(peak.isNull()).as("no cgroup, no peak: " + ended).isTrue();
        }
    }

    private boolean cpythonHasCgroups() {
        for (JsonNode runtime : api.get("/api/optimization/runtimes").json().get("runtimes")) {
            if (runtime.get("name").asText().equals("cpython")) {
                return runtime.get("version").asText().contains("cgroup");
            }
        }
        return false;
    }

    @Test
    void modelsDataSourcesAndRuntimesKeepTheirFieldNames() {
        String modelId = api.uploadModel("wire_model.py", "print(1)\n", "DMO");
        assertThat(fields(api.get("/api/optimization/models/" + modelId).json().get("model"))).containsExactly("id",
                "model_name", "model_type", "status", "description", "file_name", "size_bytes", "uploaded_at", "runtime",
                "runtime_reason", "version", "config_defaults", "owner");
        JsonNode source = api.dataSource("wire-source", Api.Part.file("a.csv", "x\n"));
        assertThat(fields(source)).containsExactly("id", "name", "version", "description", "files", "size_bytes",
                "uploaded_at", "status", "producedBy", "owner");
        assertThat(source.get("description").isNull()).isTrue();
        assertThat(fields(source.get("files").get(0))).containsExactly("name", "size_bytes", "sha256");
        JsonNode runtimes = api.get("/api/optimization/runtimes").json();
        assertThat(fields(runtimes)).containsExactly("success", "runtimes", "default");
        for (JsonNode runtime : runtimes.get("runtimes")) {
            assertThat(runtime.has("reason")).as(runtime.toString()).isEqualTo(!runtime.get("available").asBoolean());
        }
    }
}
