package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sandboxopt.core.testing.TestPostgres;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys on two server processes sharing one real PostgreSQL, as two machines behind a load balancer:
 * a retry that reaches the other node gets the first answer, the same key sent to both at the same moment makes
 * one job, and a key a stopped node claimed without answering is in use for a while, then taken over.
 */
class MultiNodeIdempotencyTest {
    private static final String QUICK = "print('once')\n";

    private static TestPostgres.Database database;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;

    @BeforeAll
    static void startTwoNodes() {
        database = TestPostgres.get().newDatabase();
        nodeA = ServerProcess.start(settings("node-a"));
        nodeB = ServerProcess.start(settings("node-b"));
    }

    private static Map<String, String> settings(String node) {
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("sandbox.data-dir", Files.createTempDirectory("sandbox-" + node).toString());
            settings.put("sandbox.database.url", database.url());
            settings.put("sandbox.database.user", database.user());
            settings.put("sandbox.database.password", database.password());
            settings.put("sandbox.node-id", node);
            settings.put("sandbox.pool-size", "1");
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aRetryThatReachesTheOtherNodeGetsTheFirstAnswerAndStartsNothing() {
        String modelId = nodeA.api().uploadModel("idem_retry.py", QUICK, "SO");
        String key = UUID.randomUUID().toString();
        String body = "{\"modelId\": \"" + modelId + "\", \"config\": {\"hours\": 24}}";

        HttpResponse<String> first = nodeA.api().executeWithKey(key, body);
        HttpResponse<String> retry = nodeB.api().executeWithKey(key, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        JsonNode firstJson = Api.json(first);
        JsonNode retryJson = Api.json(retry);
        assertThat(firstJson.get("replayed").asBoolean()).isFalse();
        assertThat(retryJson.get("replayed").asBoolean()).isTrue();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        ((ObjectNode) retryJson).put("replayed", false);
        assertThat(retryJson).as("node A's answer, its status and log file too").isEqualTo(firstJson);
        String jobId = firstJson.get("jobId").asText();
        assertThat(database.value("sandbox_idempotency_key", key, "node_id")).as("claimed by the node that answered first")
                .isEqualTo("node-a");

        HttpResponse<String> other = nodeB.api().executeWithKey(key, "{\"modelId\": \"" + modelId + "\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
        assertThat(Api.json(other).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(Api.json(other).get("jobId").asText()).isEqualTo(jobId);
        assertThat(jobsOf(modelId)).containsExactly(jobId);
    }

    @Test
    void theSameKeySentToBothNodesAtTheSameMomentMakesOneJob() throws Exception {
        String modelId = nodeB.api().uploadModel("idem_at_once.py", QUICK, "SO");
        String body = "{\"modelId\": \"" + modelId + "\"}";
        List<String> jobs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) { // a few rounds: who claims first differs
                String key = "at-once-" + round + "-" + UUID.randomUUID();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (ServerProcess node : List.of(nodeA, nodeB)) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return node.api().executeWithKey(key, body);
                    }));
                }
                go.countDown();
                List<JsonNode> bodies = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    bodies.add(Api.json(response));
                }
                String jobId = bodies.get(0).get("jobId").asText();
                assertThat(bodies).extracting(b -> b.get("jobId").asText()).containsOnly(jobId);
                assertThat(bodies).extracting(b -> b.get("replayed").asBoolean()).containsExactlyInAnyOrder(false, true);
                jobs.add(jobId);
                assertThat(jobsOf(modelId)).as("round " + round).containsExactlyInAnyOrderElementsOf(jobs);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String jobId : jobs) {
            assertThat(nodeA.api().awaitEnded(jobId, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void aKeyClaimedByANodeThatStoppedBeforeAnsweringIsInUseThenTakenOver() {
        String modelId = nodeA.api().uploadModel("idem_orphan.py", QUICK, "SO");
        String key = UUID.randomUUID().toString();
        String body = "{\"modelId\": \"" + modelId + "\"}";
        // what a node killed between claiming a key and answering leaves: a claim without an answer
        sql("INSERT INTO sandbox_idempotency_key (id, claim_id, fingerprint, node_id, created_at)"
                + " VALUES (?, 'claim-of-node-c', 'its fingerprint', 'node-c', CURRENT_TIMESTAMP)", key);

        long started = System.nanoTime();
        HttpResponse<String> inUse = nodeB.api().executeWithKey(key, body);
        assertThat(inUse.statusCode()).as(inUse.body()).isEqualTo(409);
        assertThat(Api.json(inUse).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
        assertThat(Api.json(inUse).get("error").asText()).contains(key).contains("still being answered");
        assertThat(inUse.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for an answer first")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(jobsOf(modelId)).isEmpty();

        sql("UPDATE sandbox_idempotency_key SET created_at = created_at - INTERVAL '31 seconds' WHERE id = ?", key); // 31 s later
        HttpResponse<String> takenOver = nodeA.api().executeWithKey(key, body);
        assertThat(takenOver.statusCode()).as(takenOver.body()).isEqualTo(200);
        assertThat(Api.json(takenOver).get("replayed").asBoolean()).isFalse();
        String jobId = Api.json(takenOver).get("jobId").asText();
        assertThat(database.value("sandbox_idempotency_key", key, "node_id")).isEqualTo("node-a");
        assertThat(jobsOf(modelId)).containsExactly(jobId);
        assertThat(Api.json(nodeB.api().executeWithKey(key, body)).get("replayed").asBoolean()).isTrue();
    }

    private static void sql(String statement, String key) {
        try (Connection sql = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement ps = sql.prepareStatement(statement)) {
            ps.setString(1, key);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jobsOf(String modelId) {
        Api.Response response = nodeA.api().get("/api/optimization/jobs?modelId=" + modelId);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }
}
