package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleModelOverWebSocketTest {
    private final Api api = TestServers.open();

    @Test
    void sampleModelStreamsStartedLinesInOrderAndCompletedThenRestAndDownloadShowTheSameLines() {
        try (WsClient ws = WsClient.connect(api)) {
            assertThat(ws.subscribe("{\"action\": \"subscribe\"}").path("event").asText()).isEqualTo("subscribed");
            Api.Response upload = api.upload("sample_dmo_model.py", Api.sampleDmoModel().getBytes(), "DMO", "the sample");
            assertThat(upload.status()).isEqualTo(200);
            JsonNode model = upload.json().get("model");
            assertThat(upload.json().get("success").asBoolean()).isTrue();
            assertThat(model.get("model_name").asText()).matches("DMO_\\d+_sample_dmo_model\\.py");
            assertThat(model.get("model_type").asText()).isEqualTo("DMO");
            assertThat(model.get("status").asText()).isEqualTo("active");
            assertThat(model.get("description").asText()).isEqualTo("the sample");

            Api.Response execute = api.postJson("/api/optimization/execute", "{\"modelId\": \"" + model.get("id").asText()
                    + "\", \"modelType\": \"DMO\", \"config\": {\"hours\": 6, \"blocks\": 5}}"); // generated data: no data source
            assertThat(execute.status()).as(execute.text()).isEqualTo(200);
            String jobId = execute.json().get("jobId").asText();
            assertThat(jobId).matches("DMO_\\d+_[a-z0-9]{6}");
            assertThat(execute.json().get("status").asText()).isIn("queued", "running");
            assertThat(execute.json().get("logFilePath").asText()).endsWith("logs/optimization/" + jobId + ".log");

            List<JsonNode> events = ws.until(WsClient.ended(jobId)).stream()
                    .filter(m -> m.at("/data/jobId").asText().equals(jobId)).toList();
            assertThat(events.get(0).get("event").asText()).isEqualTo("optimization:started");
            assertThat(events.get(0).at("/data/modelName").asText()).isEqualTo(model.get("model_name").asText());
            assertThat(events.get(0).at("/data/timestamp").asText()).endsWith("Z");
            assertThat(events.get(0).at("/data/runtime").asText()).isEqualTo("cpython");
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.get("event").asText()).isEqualTo("optimization:completed");
            assertThat(last.at("/data/status").asText()).isEqualTo("success");
            assertThat(last.at("/data/modelType").asText()).isEqualTo("DMO");

            List<JsonNode> logs = events.stream().filter(m -> m.get("event").asText().equals("optimization:log")).toList();
            assertThat(logs).extracting(m -> m.at("/data/seq").asLong())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, logs.size()).boxed().toList());
            List<String> messages = logs.stream().map(m -> m.at("/data/message").asText()).toList();
            assertThat(messages.get(0)).matches("\\[.+\\] Starting DMO optimization");
            assertThat(messages).contains("Job ID: " + jobId, "Loading market data from database...",
                    "Running optimization algorithm...", "Writing results to database...");
            assertThat(messages.get(messages.size() - 1)).matches("\\[.+\\] DMO optimization completed successfully");
            assertThat(logs).allSatisfy(m -> {
                assertThat(m.at("/data/level").asText()).isIn("DEBUG", "INFO", "WARNING", "ERROR");
                assertThat(m.at("/data/timestamp").asText()).endsWith("Z");
                assertThat(m.at("/data/modelType").asText()).isEqualTo("DMO");
            });

            JsonNode rest = api.get("/api/optimization/jobs/" + jobId + "/logs").json();
            assertThat(rest.get("lines")).extracting(l -> l.get("message").asText()).containsExactlyElementsOf(messages);
            assertThat(rest.get("lastSeq").asLong()).isEqualTo(logs.size());
            JsonNode after = api.get("/api/optimization/jobs/" + jobId + "/logs?afterSeq=2&limit=3").json();
            assertThat(after.get("lines")).extracting(l -> l.get("seq").asLong()).containsExactly(3L, 4L, 5L);

            Api.Response download = api.get("/api/optimization/jobs/" + jobId + "/logs/download");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.contentType()).startsWith("text/plain");
            assertThat(download.contentDisposition()).contains("attachment").contains(jobId + ".log");
            assertThat(download.text().lines().toList()).hasSize(messages.size());
            for (String message : messages) {
                assertThat(download.text()).contains(message);
            }

            JsonNode job = api.job(jobId);
            assertThat(job.get("status").asText()).isEqualTo("success");
            assertThat(job.get("lineCount").asLong()).isEqualTo(logs.size());
            assertThat(job.get("durationMs").asLong()).isPositive();
            assertThat(job.get("dataSourceId").isNull()).isTrue(); // data sources: DataSourcesOverApiTest
            assertThat(job.get("dataSources").isObject() && job.get("dataSources").isEmpty()).isTrue();
            assertThat(job.at("/config/hours").asInt()).isEqualTo(6);
            assertThat(job.get("finishedAt").asText()).endsWith("Z");
            assertThat(job.get("result").isNull()).isFalse();

            JsonNode status = api.get("/api/optimization/status").json();
            assertThat(status.at("/modelTypes/DMO/jobId").asText()).isNotEmpty();
            assertThat(status.has("queueLength")).isTrue();
            assertThat(status.has("running")).isTrue();
        }
    }

    @Test
    void modelsCanBeListedReadAndArchived() {
        String id = api.uploadModel("listed_rmo.py", "print('rmo')\n", "RMO");
        JsonNode list = api.get("/api/optimization/models?modelType=RMO&status=active").json();
        assertThat(list.get("models")).extracting(m -> m.get("id").asText()).contains(id);
        assertThat(list.get("models")).allSatisfy(m -> assertThat(m.get("model_type").asText()).isEqualTo("RMO"));
        assertThat(list.at("/counts/RMO").asLong()).isPositive();
        assertThat(list.get("counts").has("DMO")).isTrue();
        assertThat(list.get("counts").has("SO")).isTrue();

        Api.Response source = api.get("/api/optimization/models/" + id + "/source");
        assertThat(source.text()).isEqualTo("print('rmo')\n");
        assertThat(source.contentType()).startsWith("text/x-python");
        assertThat(api.get("/api/optimization/models/" + id).json().at("/model/file_name").asText()).isEqualTo("listed_rmo.py");

        Api.Response archived = api.delete("/api/optimization/models/" + id);
        assertThat(archived.json().at("/model/status").asText()).isEqualTo("archived");
        assertThat(api.get("/api/optimization/models?status=active").json().get("models"))
                .extracting(m -> m.get("id").asText()).doesNotContain(id);
        Api.Response run = api.postJson("/api/optimization/execute", "{\"modelId\": \"" + id + "\"}");
        assertThat(run.status()).isEqualTo(409);
        assertThat(run.error()).contains("archived");
    }

    @Test
    void healthAndOpenApiAreServed() {
        assertThat(api.get("/health").json().get("status").asText()).isEqualTo("UP");
        Api.Response openApi = api.get("/openapi.yml");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.text()).contains("openapi: 3").contains("/api/optimization/execute").contains("/api/optimization/upload");
    }
}
