package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Idempotency-Key outlives a restart of the server: it is kept in the H2 file under sandbox.data-dir. */
class IdempotencyAcrossRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void aRetryAfterARestartGetsTheFirstAnswerAndStartsNothing() {
        Map<String, Object> settings = Map.of("sandbox.data-dir", dataDir.toString());
        String key = UUID.randomUUID().toString();
        String modelId;
        String body;
        JsonNode firstAnswer;
        try (EmbeddedServer first = TestServers.startOwn("idem-before", settings)) {
            Api api = TestServers.api(first);
            modelId = api.uploadModel("idem_restart.py", "print('once')\n", "SO");
            body = "{\"modelId\": \"" + modelId + "\", \"config\": {\"hours\": 24}}";
            HttpResponse<String> answer = api.executeWithKey(key, body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            firstAnswer = Api.json(answer);
            assertThat(firstAnswer.get("replayed").asBoolean()).isFalse();
        }

        try (EmbeddedServer second = TestServers.startOwn("idem-after", settings)) {
            Api api = TestServers.api(second);
            HttpResponse<String> retry = api.executeWithKey(key, body);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            JsonNode replayed = Api.json(retry);
            assertThat(replayed.get("replayed").asBoolean()).isTrue();
            ((ObjectNode) replayed).put("replayed", false);
            assertThat(replayed).as("the first answer, status as it was then").isEqualTo(firstAnswer);
            assertThat(api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs"))
                    .extracting(job -> job.get("jobId").asText()).containsExactly(firstAnswer.get("jobId").asText());
        }
    }
}
