package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.core.testing.TestPostgres;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.ServerProcess;
import com.sandboxopt.server.support.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a server while a job prints, then a new server on the same storage: every line a WebSocket client was
 * shown is stored (a line reaches clients only once it is stored), on H2 and on PostgreSQL.
 */
class CrashDurabilityTest {
    private static final String CHATTY = String.join("\n",
            "import time",
            "i = 0",
            "while True:",
            "    i += 1",
            "    print('line', i)",
            "    if i % 200 == 0:",
            "        time.sleep(0.01)", "");

    @Test
    void everyLineAClientSawIsStoredAfterAKillOnH2() throws Exception {
        Path data = Files.createTempDirectory("sandbox-crash-h2");
        killWhilePrintingThenCheck(Map.of("sandbox.data-dir", data.toString()));
    }

    @Test
    void everyLineAClientSawIsStoredAfterAKillOnPostgres() throws Exception {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        Path data = Files.createTempDirectory("sandbox-crash-pg");
        // the restarted server keeps its node id (by default host and port; the test's ports differ), so it fails the
        // job it was running at once instead of after the node timeout
        killWhilePrintingThenCheck(Map.of("sandbox.data-dir", data.toString(), "sandbox.database.url", database.url(),
                "sandbox.database.user", database.user(), "sandbox.database.password", database.password(),
                "sandbox.node-id", "crashing-node"));
    }

    private static void killWhilePrintingThenCheck(Map<String, String> settings) {
        TreeSet<Long> seen = new TreeSet<>();
        String jobId;
        try (ServerProcess first = ServerProcess.start(settings)) {
            Api api = first.api();
            String modelId = api.uploadModel("chatty.py", CHATTY, "SO");
            try (WsClient client = WsClient.connect(api)) {
                client.subscribe("{\"action\": \"subscribe\"}");
                jobId = api.execute(modelId, "{}");
                while (seen.size() < 5_000) {
                    JsonNode line = client.next(WsClient.event("optimization:log", jobId));
                    seen.add(line.at("/data/seq").asLong());
                }
                first.kill();
            }
        }
        assertThat(seen.first()).isEqualTo(1L);

        try (ServerProcess second = ServerProcess.start(settings)) {
            Api api = second.api();
            JsonNode job = api.job(jobId);
            assertThat(job.get("status").asText()).isEqualTo("failed");
            TreeSet<Long> stored = new TreeSet<>();
            long after = 0;
            while (true) {
                JsonNode page = api.get("/api/optimization/jobs/" + jobId + "/logs?afterSeq=" + after + "&limit=100000").json();
                page.get("lines").forEach(line -> stored.add(line.get("seq").asLong()));
                if (page.get("lines").isEmpty()) {
                    break;
                }
                after = page.get("lastSeq").asLong();
            }
            TreeSet<Long> missing = new TreeSet<>(seen);
            missing.removeAll(stored);
            assertThat(missing.size()).as("lines seen by the client but not stored: %d of %d (seq %s to %s); stored up to %s",
                    missing.size(), seen.size(), missing.isEmpty() ? "-" : missing.first(),
                    missing.isEmpty() ? "-" : missing.last(), stored.isEmpty() ? "none" : stored.last()).isZero();
        }
    }
}
