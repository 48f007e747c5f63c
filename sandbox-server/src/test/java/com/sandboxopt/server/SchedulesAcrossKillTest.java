package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.core.testing.TestPostgres;
import com.sandboxopt.server.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a server while its schedule fires, then a new server on the same H2 file, or another server on the same
 * PostgreSQL going on alone: no fire time gets two jobs, and none is lost but the ones the misfire rule folds (over
 * 10 s late when they were taken).
 */
class SchedulesAcrossKillTest {

    @Test
    void aKilledAndRestartedServerNeitherLosesNorDoublesAFiring() throws Exception {
        Map<String, String> settings = Map.of("sandbox.data-dir", Files.createTempDirectory("sandbox-sched-kill").toString());
        String scheduleId;
        try (ServerProcess first = ServerProcess.start(settings)) {
            Api api = first.api();
            String modelId = api.uploadModel("tick.py", "print('tick')\n", "RMO");
            scheduleId = api.postJson("/api/optimization/schedules", """
                    {"name": "every two seconds", "modelId": "%s", "cron": "*/2 * * * * *"}""".formatted(modelId))
                    .json().get("schedule").get("id").asText();
            String id = scheduleId;
            await().atMost(Duration.ofSeconds(60)).until(() -> records(api, id).size() >= 3);
            first.kill();
        }
        try (ServerProcess second = ServerProcess.start(settings)) {
            Api api = second.api();
            Instant restarted = Instant.now();
            String id = scheduleId;
            await().atMost(Duration.ofSeconds(60)).until(() -> records(api, id).keySet().stream()
                    .filter(t -> t.isAfter(restarted)).count() >= 3);
            api.post("/api/optimization/schedules/" + scheduleId + "/pause");

            assertNoFiringLost(records(api, scheduleId), Duration.ofSeconds(2));
        }
    }

    @Test
    void twoServersOnPostgresFireEachTimeOnceAlsoWhenOneIsKilled() throws Exception {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        Map<String, String> shared = Map.of("sandbox.database.url", database.url(), "sandbox.database.user",
                database.user(), "sandbox.database.password", database.password());
        try (ServerProcess a = ServerProcess.start(node(shared, "node-a"));
             ServerProcess b = ServerProcess.start(node(shared, "node-b"))) {
            Api api = b.api();
            String modelId = a.api().uploadModel("tick.py", "print('tick')\n", "RMO");
            String id = api.postJson("/api/optimization/schedules", """
                    {"name": "every second", "modelId": "%s", "cron": "* * * * * *"}""".formatted(modelId))
                    .json().get("schedule").get("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> records(api, id).size() >= 15);
            a.kill();
            int before = records(api, id).size();
            await().atMost(Duration.ofSeconds(60)).until(() -> records(api, id).size() >= before + 15);
            api.post("/api/optimization/schedules/" + id + "/pause");

            TreeMap<Instant, Instant> records = records(api, id);
            assertThat(api.get("/api/optimization/jobs?scheduleId=" + id + "&limit=1000").json().get("jobs")
                    .findValuesAsText("node")).as("both nodes fired").contains("node-a", "node-b");
            assertNoFiringLost(records, Duration.ofSeconds(1));
        }
    }

    private static Map<String, String> node(Map<String, String> shared, String id) throws java.io.IOException {
        Map<String, String> settings = new java.util.HashMap<>(shared);
        settings.put("sandbox.data-dir", Files.createTempDirectory("sandbox-sched-" + id).toString());
        settings.put("sandbox.node-id", id);
        settings.put("sandbox.node-timeout", "3s");
        return settings;
    }

    /**
     * Fire times come every {@code step}; a gap is allowed only after a firing that was missed (over 10 s late when it
     * was recorded), whose missed successors fold into it.
     */
    private static void assertNoFiringLost(TreeMap<Instant, Instant> records, Duration step) {
        Instant previous = null;
        for (Instant fireTime : records.keySet()) {
            if (previous != null && Duration.between(previous, fireTime).compareTo(step) > 0) {
                assertThat(Duration.between(previous, records.get(previous))).as("a gap after %s up to %s: only after"
                        + " a firing that was missed (over 10 s late), whose missed successors fold into it", previous,
                        fireTime).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            }
            previous = fireTime;
        }
    }

    /** Fire time to when its job or skip was recorded; fails on a fire time recorded twice. */
    private static TreeMap<Instant, Instant> records(Api api, String scheduleId) {
        TreeMap<Instant, Instant> records = new TreeMap<>();
        for (JsonNode job : api.get("/api/optimization/jobs?scheduleId=" + scheduleId + "&limit=1000").json().get("jobs")) {
            Instant previous = records.put(Instant.parse(job.get("scheduledFor").asText()), Instant.parse(job.get("createdAt").asText()));
            assertThat(previous).as("a second job for " + job.get("scheduledFor").asText()).isNull();
        }
        for (JsonNode skip : api.get("/api/optimization/schedules/" + scheduleId).json().get("schedule").get("skipped")) {
            Instant previous = records.put(Instant.parse(skip.get("scheduledFor").asText()), Instant.parse(skip.get("recordedAt").asText()));
            assertThat(previous).as("a job and a skip for " + skip.get("scheduledFor").asText()).isNull();
        }
        return records;
    }
}
