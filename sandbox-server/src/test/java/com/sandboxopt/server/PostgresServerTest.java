package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.core.testing.TestPostgres;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real server on a real PostgreSQL (sandbox.database.*): what it stores is there for the next server too. */
class PostgresServerTest {

    @Test
    void modelsJobsLinesAndMetricsLiveInPostgresAcrossARestart() {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        Map<String, Object> settings = Map.of("sandbox.database.url", database.url(),
                "sandbox.database.user", database.user(), "sandbox.database.password", database.password());
        String modelId;
        String jobId;
        try (EmbeddedServer first = TestServers.startOwn("pg-first", settings)) {
            Api api = TestServers.api(first);
            modelId = api.uploadModel("pg_model.py", String.join("\n",
                    "import sandbox, logging",
                    "CONFIG_DEFAULTS = {'rounds': 3}",
                    "for i in range(sandbox.config.get('rounds', 3)):",
                    "    print('round', i)",
                    "    sandbox.metric('objective', 10.0 * i, step=i)",
                    "logging.warning('ünïcode – done')",
                    "sandbox.result({'rounds': 3})", ""), "SO");
            jobId = api.execute(modelId, "{\"rounds\": 3}");
            assertThat(api.awaitEnded(jobId, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("success");
        }

        try (EmbeddedServer second = TestServers.startOwn("pg-second", settings)) {
            Api api = TestServers.api(second);
            JsonNode model = api.get("/api/optimization/models/" + modelId).json().get("model");
            assertThat(model.get("config_defaults").toString()).isEqualTo("{\"rounds\":3}");
            JsonNode job = api.job(jobId);
            assertThat(job.get("status").asText()).isEqualTo("success");
            assertThat(job.get("result").toString()).isEqualTo("{\"rounds\":3}");
            assertThat(job.get("lineCount").asInt()).isEqualTo(4);
            assertThat(api.logMessages(jobId)).containsExactly("round 0", "round 1", "round 2", "ünïcode – done");
            assertThat(api.get("/api/optimization/jobs/" + jobId + "/logs?level=WARNING").json().get("lines"))
                    .extracting(line -> line.get("message").asText()).containsExactly("ünïcode – done");
            assertThat(api.get("/api/optimization/jobs/" + jobId + "/metrics").json().get("metrics"))
                    .extracting(m -> m.get("value").asDouble()).isEqualTo(List.of(0.0, 10.0, 20.0));
            assertThat(api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs"))
                    .extracting(j -> j.get("jobId").asText()).containsExactly(jobId);
        }
    }
}
