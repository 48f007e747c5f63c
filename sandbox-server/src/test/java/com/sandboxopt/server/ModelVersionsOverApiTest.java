package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Api.Part;
import com.sandboxopt.server.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Model versions, config defaults, restore after archive, and stored metrics over REST on a real server. */
class ModelVersionsOverApiTest {
    private final Api api = TestServers.open();

    private static String uniqueFile() {
        return "api_versions_" + UUID.randomUUID().toString().substring(0, 8) + ".py";
    }

    @Test
    void theSameFileNameMakesTheNextVersionWithItsConfigDefaults() {
        String file = uniqueFile();
        JsonNode v1 = api.upload(file, "CONFIG_DEFAULTS = {'hours': 24, 'solver': None}\n".getBytes(StandardCharsets.UTF_8),
                "DMO", "first").json().get("model");
        JsonNode v2 = api.upload(file, "CONFIG_DEFAULTS = {'hours': 12}\n".getBytes(StandardCharsets.UTF_8),
                "DMO", "second").json().get("model");

        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("file_name").asText()).isEqualTo(file);
        assertThat(v2.get("model_name").asText()).matches("DMO_\\d{13}_" + file.replace(".", "\\."));
        assertThat(v1.get("config_defaults").toString()).isEqualTo("{\"hours\":24,\"solver\":null}");
        assertThat(v2.get("config_defaults").toString()).isEqualTo("{\"hours\":12}");
        assertThat(api.get("/api/optimization/models/" + v2.get("id").asText()).json().get("model")).isEqualTo(v2);
    }

    @Test
    void configDefaultsGivenAtUploadWinAndBrokenOnesAreRefusedWithNothingStored() {
        String file = uniqueFile();
        byte[] source = "CONFIG_DEFAULTS = {'hours': 24}\nprint(1)\n".getBytes(StandardCharsets.UTF_8);
        Api.Response given = api.multipart("/api/optimization/upload", List.of(Part.file(file, source),
                Part.field("modelType", "SO"), Part.field("configDefaults", "{\"hours\": 6, \"seed\": 1}")));
        assertThat(given.status()).as(given.text()).isEqualTo(200);
        assertThat(given.json().get("model").get("config_defaults").toString()).isEqualTo("{\"hours\":6,\"seed\":1}");

        int before = api.get("/api/optimization/models").json().get("models").size();
        for (String broken : List.of("{\"hours\": ", "[1, 2]", "24")) {
            Api.Response refused = api.multipart("/api/optimization/upload", List.of(Part.file(file, source),
                    Part.field("modelType", "SO"), Part.field("configDefaults", broken)));
            assertThat(refused.status()).as(broken).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(refused.error()).contains("configDefaults").contains("{\"hours\": 24}");
        }
        assertThat(api.get("/api/optimization/models").json().get("models").size()).isEqualTo(before);
    }

    @Test
    void anArchivedModelIsRestoredAndRunsAgain() {
        String id = api.uploadModel(uniqueFile(), "print('restored')\n", "RMO");
        assertThat(api.delete("/api/optimization/models/" + id).json().get("model").get("status").asText()).isEqualTo("archived");
        assertThat(api.postJson("/api/optimization/execute", "{\"modelId\": \"" + id + "\"}").status()).isEqualTo(409);

        Api.Response restored = api.post("/api/optimization/models/" + id + "/restore");

        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.json().get("model").get("status").asText()).isEqualTo("active");
        String jobId = api.execute(id, "{}");
        assertThat(api.awaitEnded(jobId, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("success");
        assertThat(api.post("/api/optimization/models/no-such-model/restore").status()).isEqualTo(404);
    }

    @Test
    void aJobsMetricsAreServedAfterItEnded() {
        String id = api.uploadModel(uniqueFile(), String.join("\n",
                "import sandbox",
                "for i in range(3):",
                "    sandbox.metric('objective', 1000.0 - i, step=i)",
                "sandbox.metric('price', 42.5)", ""), "DMO");
        String jobId = api.execute(id, "{}");
        api.awaitEnded(jobId, Duration.ofMinutes(2));

        JsonNode body = api.get("/api/optimization/jobs/" + jobId + "/metrics").json();

        assertThat(body.get("jobId").asText()).isEqualTo(jobId);
        assertThat(body.get("metrics")).extracting(m -> m.get("seq").asLong() + ":" + m.get("name").asText() + "="
                + m.get("value").asDouble() + "@" + m.get("step")).containsExactly(
                "1:objective=1000.0@0", "2:objective=999.0@1", "3:objective=998.0@2", "4:price=42.5@null");
        assertThat(body.get("metrics").get(0).get("timestamp").asText()).endsWith("Z");
        assertThat(api.get("/api/optimization/jobs/NO_SUCH_JOB/metrics").status()).isEqualTo(404);
    }
}
