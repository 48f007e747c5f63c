package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.core.testing.TestPostgres;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.ServerProcess;
import com.sandboxopt.server.support.WsClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server processes on one real PostgreSQL database, as two machines behind a load balancer would run: one queue,
 * one list of jobs, events and cancels across nodes, and a node killed with kill -9 while it runs a job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeTest {
    private static final String PRINTER = String.join("\n", "import sandbox", "import time",
            "for i in range(10):", "    print(f'step {i}')", "    time.sleep(0.02)",
            "sandbox.progress(1.0, 'printed')", "print('done')", "");
    private static final String SLEEPER = String.join("\n", "import time", "print('sleeping')",
            "while True:", "    time.sleep(0.05)", "");

    private static TestPostgres.Database database;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static String printer;
    private static String sleeper;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = TestPostgres.get().newDatabase();
        nodeA = ServerProcess.start(settings("node-a"));
        nodeB = ServerProcess.start(settings("node-b"));
        printer = nodeA.api().uploadModel("printer.py", PRINTER, "DMO");
        sleeper = nodeB.api().uploadModel("sleeper.py", SLEEPER, "RMO");
    }

    private static Map<String, String> settings(String node) {
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("sandbox.data-dir", Files.createTempDirectory("sandbox-" + node).toString());
            settings.put("sandbox.database.url", database.url());
            settings.put("sandbox.database.user", database.user());
            settings.put("sandbox.database.password", database.password());
            settings.put("sandbox.node-id", node);
            settings.put("sandbox.node-timeout", "4s");
            settings.put("sandbox.pool-size", "1");
            return settings;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    @Order(1)
    void fortyJobsSentToBothNodesRunOnceEachOnBothAndBothListThemAll() {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add((i % 2 == 0 ? nodeA : nodeB).api().execute(printer, "{}"));
        }
        Map<String, Integer> ranOn = new HashMap<>();
        for (String jobId : jobs) {
            JsonNode job = nodeA.api().awaitEnded(jobId, Duration.ofMinutes(3));
            assertThat(job.get("status").asText()).as(jobId + ": " + job.path("error").asText()).isEqualTo("success");
            assertThat(nodeB.api().logMessages(jobId)).as("each line once: it ran once")
                    .containsExactly("step 0", "step 1", "step 2", "step 3", "step 4", "step 5", "step 6", "step 7",
                            "step 8", "step 9", "done");
            assertThat(column(jobId, "attempts")).isEqualTo("1");
            assertThat(job.get("node").asText()).as("the job names the node that ran it").isEqualTo(column(jobId, "node_id"));
            ranOn.merge(column(jobId, "node_id"), 1, Integer::sum);
        }
        assertThat(ranOn).containsOnlyKeys("node-a", "node-b");
        for (ServerProcess node : List.of(nodeA, nodeB)) {
            Set<String> listed = new HashSet<>();
            node.api().get("/api/optimization/jobs?limit=100").json().get("jobs")
                    .forEach(job -> listed.add(job.get("jobId").asText()));
            assertThat(listed).containsAll(jobs);
        }
    }

    @Test
    @Order(2)
    void aClientOnOneNodeSeesAJobTheOtherRanStartPrintAndEndInOrder() {
        try (WsClient onA = WsClient.connect(nodeA.api()); WsClient onB = WsClient.connect(nodeB.api())) {
            onA.subscribe("{\"action\": \"subscribe\"}");
            onB.subscribe("{\"action\": \"subscribe\"}");
            String jobId = nodeA.api().execute(printer, "{}");
            List<JsonNode> seenOnA = onA.until(WsClient.ended(jobId));
            List<JsonNode> seenOnB = onB.until(WsClient.ended(jobId));
            boolean ranOnA = column(jobId, "node_id").equals("node-a");
            List<JsonNode> remote = (ranOnA ? seenOnB : seenOnA).stream()
                    .filter(m -> m.at("/data/jobId").asText().equals(jobId)).toList();
            List<String> events = remote.stream().map(m -> m.get("event").asText()).toList();
            assertThat(events.get(0)).isEqualTo("optimization:started");
            assertThat(events.get(events.size() - 1)).isEqualTo("optimization:completed");
            List<Long> seqs = remote.stream().filter(m -> m.get("event").asText().equals("optimization:log"))
                    .map(m -> m.at("/data/seq").asLong()).toList();
            assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            int progress = events.indexOf("optimization:progress");
            assertThat(progress).as("the progress between 'step 9' and 'done', as printed").isEqualTo(11);
        }
    }

    @Test
    @Order(2)
    void curlOnEitherNodeFollowsAJobOverServerSentEventsWhereverItRuns() throws Exception {
        // it waits first, so both streams are live before it prints (progress events are not replayed, lines are)
        String waitsThenPrints = nodeB.api().uploadModel("late-printer.py", "import time\ntime.sleep(3)\n" + PRINTER, "DMO");
        String jobId = nodeA.api().execute(waitsThenPrints, "{}");
        List<Process> curls = new ArrayList<>();
        for (ServerProcess node : List.of(nodeA, nodeB)) {  // one of the two does not run it
            curls.add(new ProcessBuilder("curl", "-sN", node.api().base() + "/api/optimization/jobs/" + jobId + "/events")
                    .redirectErrorStream(true).start());
        }
        List<List<String>> streams = new ArrayList<>();
        for (Process curl : curls) {
            assertThat(curl.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("the stream ends with the job").isTrue();
            streams.add(new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("event: ") || line.startsWith("id: ")).toList());
        }
        List<String> expected = new ArrayList<>(List.of("event: optimization:started"));
        for (int seq = 1; seq <= 11; seq++) {
            expected.addAll(List.of("id: " + seq, "event: optimization:log"));
            if (seq == 10) {
                expected.add("event: optimization:progress"); // after 'step 9', before 'done', as printed
            }
        }
        expected.add("event: optimization:completed");
        assertThat(streams.get(0)).isEqualTo(expected);
        assertThat(streams.get(1)).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void aCancelSentToOneNodeStopsTheJobWhereverItRuns() {
        List<String> sleepers = List.of(nodeA.api().execute(sleeper, "{}"), nodeB.api().execute(sleeper, "{}"));
        sleepers.forEach(MultiNodeTest::awaitRunning);
        for (String jobId : sleepers) {
            ServerProcess other = column(jobId, "node_id").equals("node-a") ? nodeB : nodeA;
            Api.Response cancel = other.api().post("/api/optimization/jobs/" + jobId + "/cancel");
            assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        }
        for (String jobId : sleepers) {
            JsonNode job = nodeA.api().awaitEnded(jobId, Duration.ofSeconds(30));
            assertThat(job.get("status").asText()).isEqualTo("cancelled");
            assertThat(job.get("error").asText()).isEqualTo("Cancelled by user");
        }
        assertThat(sleepers.stream().map(id -> column(id, "node_id"))).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    @Order(4)
    void aKilledNodesJobFailsWithinTheTimeoutTheOtherGoesOnAndTheRestartedNodeRejoins() {
        List<String> sleepers = List.of(nodeA.api().execute(sleeper, "{}"), nodeB.api().execute(sleeper, "{}"));
        sleepers.forEach(MultiNodeTest::awaitRunning);
        String onB = sleepers.stream().filter(id -> column(id, "node_id").equals("node-b")).findFirst().orElseThrow();
        String onA = sleepers.stream().filter(id -> !id.equals(onB)).findFirst().orElseThrow();
        nodeB.kill();

        JsonNode failed = nodeA.api().awaitEnded(onB, Duration.ofSeconds(30));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isEqualTo("interrupted: node node-b stopped");
        assertThat(nodeA.api().job(onA).get("status").asText()).as("the other node's job goes on").isEqualTo("running");
        nodeA.api().post("/api/optimization/jobs/" + onA + "/cancel");
        String after = nodeA.api().execute(printer, "{}");
        assertThat(nodeA.api().awaitEnded(after, Duration.ofMinutes(1)).get("status").asText()).isEqualTo("success");

        nodeB = ServerProcess.start(settings("node-b"));
        String busy = nodeA.api().execute(sleeper, "{}"); // one node is busy with it, so the next job is the other's
        awaitRunning(busy);
        String next = nodeA.api().execute(printer, "{}");
        assertThat(nodeB.api().awaitEnded(next, Duration.ofMinutes(1)).get("status").asText()).isEqualTo("success");
        assertThat(List.of(column(busy, "node_id"), column(next, "node_id"))).as("the restarted node takes jobs again")
                .contains("node-b");
        nodeB.api().post("/api/optimization/jobs/" + busy + "/cancel");
        assertThat(nodeB.api().awaitEnded(busy, Duration.ofSeconds(30)).get("status").asText()).isEqualTo("cancelled");
    }

    private static void awaitRunning(String jobId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (nodeA.api().logMessages(jobId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(jobId + " printed nothing within a minute");
            }
            sleep(50);
        }
    }

    /** A column of the job's row, as the nodes share it. */
    private static String column(String jobId, String column) {
        return database.value("job_run", jobId, column);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
