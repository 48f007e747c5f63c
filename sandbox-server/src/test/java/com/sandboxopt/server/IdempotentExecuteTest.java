package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

        HttpResponse<String> first = api.executeWithKey(key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode firstJson = Api.json(first);
        String jobId = remember(firstJson);
        assertThat(firstJson.get("replayed").asBoolean()).isFalse();
        assertThat(firstJson.get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

        HttpResponse<String> second = api.executeWithKey(key, body);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode secondJson = Api.json(second);
        assertThat(secondJson.get("jobId").asText()).isEqualTo(jobId);
        assertThat(secondJson.get("replayed").asBoolean()).isTrue();
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        // the same answer: every field of the first one, only replayed differs
        ((com.fasterxml.jackson.databind.node.ObjectNode) secondJson).put("replayed", false);
        assertThat(secondJson).isEqualTo(firstJson);

        // the same request written otherwise (key order, spacing), the key padded or in the body: still that job
        String reordered = "{ \"config\":{\"mode\":\"x\",\"hours\":24},\"modelType\":\"SO\",\"modelId\":\"" + modelId + "\" }";
        assertReplayOf(jobId, api.executeWithKey("  " + key + " ", reordered));
        assertReplayOf(jobId, api.executeWithKey(null, reordered.replace("{ \"config\"", "{\"idempotencyKey\": \"" + key + "\", \"config\"")));
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
                    return api.executeWithKey(key, body);
                }));
            }
            go.countDown();
            List<JsonNode> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                bodies.add(Api.json(response));
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
        String jobId = remember(Api.json(api.executeWithKey(key, "{\"modelId\": \"" + modelId + "\", \"config\": {\"hours\": 24}}")));

        for (String body : List.of("{\"modelId\": \"" + modelId + "\", \"config\": {\"hours\": 12}}",
                "{\"modelId\": \"" + modelId + "\"}",
                "{\"modelId\": \"" + other + "\", \"config\": {\"hours\": 24}}")) {
            HttpResponse<String> conflict = api.executeWithKey(key, body);
            assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
            JsonNode error = Api.json(conflict);
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
        HttpResponse<String> first = api.executeWithKey(null, body);
        HttpResponse<String> second = api.executeWithKey(null, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        String a = remember(Api.json(first));
        String b = remember(Api.json(second));
        assertThat(a).isNotEqualTo(b);
        assertThat(Api.json(second).get("replayed").asBoolean()).isFalse();
        assertThat(jobsOf(modelId)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void malformedKeysAre400AndStartNothing() {
        String modelId = api.uploadModel("idem_bad.py", Models.FOREVER, "SO");
        String body = "{\"modelId\": \"" + modelId + "\"}";
        assertBadKey(api.executeWithKey("k".repeat(201), body), "1 to 200");
        assertBadKey(api.executeWithKey("tab\there", body), "printable");
        assertBadKey(api.executeWithKey("   ", body), "1 to 200");
        assertBadKey(api.executeWithKey(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"\"}"), "1 to 200");
        assertBadKey(api.executeWithKey(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"  \"}"), "1 to 200");
        assertBadKey(api.executeWithKey(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"a\\u0001b\"}"), "printable");
        assertBadKey(api.executeWithKey(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"caf\u00e9\"}"), "printable");
        assertBadKey(api.executeWithKey(null, "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": 42}"), "must be a string");
        assertBadKey(api.executeWithKey("one", "{\"modelId\": \"" + modelId + "\", \"idempotencyKey\": \"two\"}"), "differ");
        assertThat(jobsOf(modelId)).isEmpty();

        String longest = "K".repeat(200); // the limit itself is fine
        HttpResponse<String> ok = api.executeWithKey(longest, body);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        remember(Api.json(ok));
    }

    @Test
    void aRequestThatFailedIsNotRemembered() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> missing = api.executeWithKey(key, "{\"modelId\": \"no-such-model\"}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(api.executeWithKey(key, "{\"modelId\": \"no-such-model\"}").statusCode()).isEqualTo(404); // again: the same 404, no replay

        String modelId = api.uploadModel("idem_after_failure.py", Models.FOREVER, "SO");
        HttpResponse<String> wrongType = api.executeWithKey(key, "{\"modelId\": \"" + modelId + "\", \"modelType\": \"DMO\"}");
        assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
        HttpResponse<String> ok = api.executeWithKey(key, "{\"modelId\": \"" + modelId + "\"}"); // the key is free: a first request
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(Api.json(ok).get("replayed").asBoolean()).isFalse();
        String jobId = remember(Api.json(ok));
        assertThat(jobsOf(modelId)).containsExactly(jobId);
    }

    // ---- helpers

    private void assertReplayOf(String jobId, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.json(response).get("jobId").asText()).isEqualTo(jobId);
        assertThat(Api.json(response).get("replayed").asBoolean()).isTrue();
    }

    private static void assertBadKey(HttpResponse<String> response, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Api.json(response);
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
}
