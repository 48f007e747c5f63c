package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/optimization/execute with an Idempotency-Key, over HTTP against a real server. */
class IdempotentExecuteTest {
    private static final String EXECUTE = "/api/optimization/execute";
    private final Api api = TestServers.open();
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    /** No test leaves a job running: whatever it started is cancelled (409 for those that ended is fine). */
    @AfterEach
    void cancelWhatIsLeft() {
        for (String jobId : started) {
            String status = api.job(jobId).get("status").asText();
            if (status.equals("queued") || status.equals("running")) {
                api.post("/api/optimization/jobs/" + jobId + "/cancel");
            }
            api.awaitEnded(jobId, Duration.ofSeconds(60));
        }
    }

    @Test
    void theSameKeyTwiceStartsOneJobAndReplaysTheFirstAnswer() {
        String modelId = api.uploadModel("idem_twice.py", Models.FOREVER, "SO");
        String key = UUID.randomUUID().toString();
        String body = "{\"modelId\": \"" + modelId + "\", \"modelType\": \"SO\", \"config\": {\"hours\": 24, \"mode\": \"x\"}}";

        HttpResponse<String> first = execute(key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode firstJson = json(first);
        String jobId = remember(firstJson);
        assertThat(firstJson.get("replayed").asBoolean()).isFalse();
        assertThat(firstJson.get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

        HttpResponse<String> second = execute(key, body);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode secondJson = json(second);
        assertThat(secondJson.get("jobId").asText()).isEqualTo(jobId);
        assertThat(secondJson.get("replayed").asBoolean()).isTrue();
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        // the same answer: every field of the first one, only replayed differs
        ((com.fasterxml.jackson.databind.node.ObjectNode) secondJson).put("replayed", false);
        assertThat(secondJson).isEqualTo(firstJson);

        // the same request written otherwise (key order, spacing), the key padded or in the body: still that job
        String reordered = "{ \"config\":{\"mode\":\"x\",\"hours\":24},\"modelType\":\"SO\",\"modelId\":\"" + modelId + "\" }";
        assertReplayOf(jobId, execute("  " + key + " ", reordered));
        assertReplayOf(jobId, execute(null, reordered.replace("{ \"config\"", "{\"idempotencyKey\": \"" + key + "\", \"config\"")));
        assertThat(jobsOf(modelId)).containsExactly(jobId);
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneJob() throws Exception {
        String modelId = api.uploadModel("idem_concurrent.py", Models.FOREVER, "SO");
        String key = UUID.randomUUID().toString();
        String body = "{\"modelId\": \"" + modelId + "\"}";
        int threads = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return execute(key, body);
                }));
            }
            go.countDown();
            List<JsonNode> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                bodies.add(json(response));
            }
            bodies.forEach(this::remember);
            assertThat(bodies).extracting(b -> b.get("jobId").asText()).containsOnly(bodies.get(0).get("jobId").asText());
            assertThat(bodies).extracting(b -> b.get("replayed").asBoolean()).containsExactlyInAnyOrder(false, true);
            assertThat(jobsOf(modelId)).containsExactly(bodies.get(0).get("jobId").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameKeyWithAnotherRequestIs409AndStartsNothing() {
        String modelId = api.uploadModel("idem_conflict.py", Models.FOREVER, "SO");
        String other = api.uploadModel("idem_conflict_other.py", Models.FOREVER, "SO");
        String key = "run-" + UUID.randomUUID();
        String jobId = remember(json(execute(key, "{\"modelId\": \"" + modelId + "\", \"config\": {\"hours\": 24}}")));

        for (String body : List.of("{\"modelId\": \"" + modelId + "\", \"config\": {\"hours\": 12}}",
                "{\"modelId\": \"" + modelId + "\"}",
                "{\"modelId\": \"" + other + "\", \"config\": {\"hours\": 24}}")) {
            HttpResponse<String> conflict = execute(key, body);
            assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
            JsonNode error = json(conflict);
            assertThat(error.get("success").asBoolean()).isFalse();
            assertThat(error.get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            assertThat(error.get("error").asText()).contains(key).contains("another request").contains(jobId);
            assertThat(error.get("jobId").asText()).isEqualTo(jobId);
        }
        assertThat(jobsOf(modelId)).containsExactly(jobId);
        assertThat(jobsOf(other)).isEmpty();
    }

    @Test
    void withoutAKeyEveryRequestStartsAJob() {
        String modelId = api.uploadModel("idem_none.py", Models.FOREVER, "SO");
        String body = "{\"modelId\": \"" + modelId + "\"}";
        HttpResponse<String> first = execute(null, body);
        HttpResponse<String> second = execute(null, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        String a = remember(json(first));
        String b = remember(json(second));
        assertThat(a).isNotEqualTo(b);
        assertThat(json(second).get("replayed").asBoolean()).isFalse();
        assertThat(jobsOf(modelId)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void malformedKeysAre400AndStartNothing() {
        String modelId = api.uploadModel("idem_bad.py", Models.FOREVER, "SO");
        String body = "{\"modelId\": \"" + modelId + "\"}";
        assertBadKey(execute("k".repeat(201), body), "1 to 200");
        assertBadKey(execute("tab\there", body), "printable");
        assertBadKey(execute("   ", body), "1 to 200");
        assertBadKey(execute(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"\"}"), "1 to 200");
        assertBadKey(execute(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"  \"}"), "1 to 200");
        assertBadKey(execute(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"a\\u0001b\"}"), "printable");
        assertBadKey(execute(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"caf\u00e9\"}"), "printable");
        assertBadKey(execute(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": 42}"), "must be a string");
        assertBadKey(execute("one", "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"two\"}"), "differ");
        assertThat(jobsOf(modelId)).isEmpty();

        String longest = "K".repeat(200); // the limit itself is fine
        HttpResponse<String> ok = execute(longest, body);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        remember(json(ok));
    }

    @Test
    void aRequestThatFailedIsNotRemembered() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> missing = execute(key, "{\"modelId\": \"no-such-model\"}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(execute(key, "{\"modelId\": \"no-such-model\"}").statusCode()).isEqualTo(404); // again: the same 404, no replay

        String modelId = api.uploadModel("idem_after_failure.py", Models.FOREVER, "SO");
        HttpResponse<String> wrongType = execute(key, "{\"modelId\": \"" + modelId + "\", \"modelType\": \"DMO\"}");
        assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
        HttpResponse<String> ok = execute(key, "{\"modelId\": \"" + modelId + "\"}"); // the key is free: a first request
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("replayed").asBoolean()).isFalse();
        String jobId = remember(json(ok));
        assertThat(jobsOf(modelId)).containsExactly(jobId);
    }

    // ---- helpers

    private void assertReplayOf(String jobId, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("jobId").asText()).isEqualTo(jobId);
        assertThat(json(response).get("replayed").asBoolean()).isTrue();
    }

    private static void assertBadKey(HttpResponse<String> response, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("success").asBoolean()).isFalse();
        assertThat(error.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("error").asText()).contains(messagePart);
    }

    private String remember(JsonNode answer) {
        String jobId = answer.get("jobId").asText();
        started.add(jobId);
        return jobId;
    }

    private List<String> jobsOf(String modelId) {
        Api.Response response = api.get("/api/optimization/jobs?modelId=" + modelId);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        started.addAll(ids);
        return ids;
    }

    private HttpResponse<String> execute(String key, String body) {
        HttpRequest.Builder request = api.requestTo(EXECUTE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return api.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
