package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
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
            HttpResponse<String> answer = execute(api, key, body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            firstAnswer = json(answer);
            assertThat(firstAnswer.get("replayed").asBoolean()).isFalse();
        }

        try (EmbeddedServer second = TestServers.startOwn("idem-after", settings)) {
            Api api = TestServers.api(second);
            HttpResponse<String> retry = execute(api, key, body);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            JsonNode replayed = json(retry);
            assertThat(replayed.get("replayed").asBoolean()).isTrue();
            ((ObjectNode) replayed).put("replayed", false);
            assertThat(replayed).as("the first answer, status as it was then").isEqualTo(firstAnswer);
            assertThat(api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs"))
                    .extracting(job -> job.get("jobId").asText()).containsExactly(firstAnswer.get("jobId").asText());
        }
    }

    private static HttpResponse<String> execute(Api api, String key, String body) {
        HttpRequest request = api.requestTo("/api/optimization/execute").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return api.client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
