package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Experiments over real HTTP: runs as jobs, the summary and its verdicts, cancel, bad bodies. */
class ExperimentsOverApiTest {
    private static final String MODEL = """
            import sandbox
            x = sandbox.config.get('x', 0)
            sandbox.result({'objective': x * 10 + BONUS, 'stats': {'mean': x}})
            """;
    private final Api api = TestServers.open();

    private JsonNode awaitDone(String id) {
        await().atMost(Duration.ofMinutes(2)).until(() -> !api.get("/api/optimization/experiments/" + id).json()
                .get("experiment").get("status").asText().equals("running"));
        return api.get("/api/optimization/experiments/" + id).json().get("experiment");
    }

    @Test
    void twoVersionsOnThreeInputsTwiceGiveTwelveJobsAndARuleThatFailsNamesItsMetricAndInput() {
        String v1 = api.uploadModel("exp_rule.py", "BONUS = 0\n" + MODEL, "DMO");
        String v2 = api.uploadModel("exp_rule.py", "BONUS = 2\n" + MODEL, "DMO");
        Api.Response created = api.postJson("/api/optimization/experiments", """
                {"name": "bonus", "models": ["%s", "%s"], "repetitions": 2,
                 "inputs": [{"name": "mon", "config": {"x": 1}}, {"name": "tue", "config": {"x": 2}},
                            {"name": "wed", "config": {"x": 3}}],
                 "acceptance": [{"metric": "objective", "direction": "no-worse-min", "tolerance": 1}]}
                """.formatted(v1, v2));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode experiment = created.json().get("experiment");
        String id = experiment.get("id").asText();
        assertThat(experiment.get("runs")).hasSize(12);
        assertThat(experiment.get("baseline").asText()).isEqualTo(v1);

        JsonNode done = awaitDone(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        List<String> jobs = new ArrayList<>();
        done.get("runs").forEach(run -> jobs.add(run.get("jobId").asText()));
        assertThat(jobs).doesNotHaveDuplicates().hasSize(12)
                .allSatisfy(job -> assertThat(api.job(job).get("experimentId").asText()).isEqualTo(id));
        JsonNode tue = null;
        for (JsonNode cell : done.get("summary")) {
            if (cell.get("modelId").asText().equals(v2) && cell.get("input").asText().equals("tue")
                    && cell.get("metric").asText().equals("objective")) {
                tue = cell;
            }
        }
        assertThat(tue).isNotNull();
        assertThat(tue.get("value").asDouble()).isEqualTo(22.0);
        assertThat(tue.get("baseline").asDouble()).isEqualTo(20.0);
        assertThat(tue.get("delta").asDouble()).isEqualTo(2.0);
        assertThat(tue.get("verdict").asText()).isEqualTo("fail");
        assertThat(done.get("runs")).allSatisfy(run -> assertThat(run.get("metrics").get("cpu_ms").asLong())
                .as("cpu_ms of " + run).isEqualTo(api.job(run.get("jobId").asText()).get("cpuMs").asLong()));
        List<String> metrics = new ArrayList<>();
        done.get("summary").forEach(cell -> metrics.add(cell.get("metric").asText()));
        assertThat(metrics).contains("duration_ms", "cpu_ms");
        assertThat(done.get("passed").asBoolean()).isFalse();
        assertThat(done.get("reproducible").asBoolean()).isTrue();
        assertThat(done.get("failures").get(0).asText()).startsWith("objective on input ")
                .contains("model " + v2).contains("no-worse-min");
        assertThat(api.get("/api/optimization/experiments").json().get("experiments"))
                .anySatisfy(e -> assertThat(e.get("id").asText()).isEqualTo(id));
    }

    @Test
    void cancelStopsTheRemainingJobs() {
        String forever = api.uploadModel("exp_forever.py", Models.FOREVER, "SO");
        String id = api.postJson("/api/optimization/experiments", """
                {"name": "long", "models": ["%s"], "inputs": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}
                """.formatted(forever)).json().get("experiment").get("id").asText();
        JsonNode cancelled = api.post("/api/optimization/experiments/" + id + "/cancel").json().get("experiment");
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(api.get("/api/optimization/experiments/"
                + id).json().get("experiment").get("runs")).allSatisfy(run -> assertThat(run.get("status").asText())
                .isEqualTo("cancelled")));
    }

    @Test
    void badBodiesAndUnknownIdsSayWhatIsWrong() {
        Api.Response notAList = api.postJson("/api/optimization/experiments", "{\"name\": \"x\", \"models\":"
                + " {\"m\": 1}, \"inputs\": [{\"name\": \"a\"}]}");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.error()).contains("models must be a list");
        Api.Response direction = api.postJson("/api/optimization/experiments", "{\"name\": \"x\", \"models\": [\"m\"],"
                + " \"inputs\": [{\"name\": \"a\"}], \"acceptance\": [{\"metric\": \"objective\", \"direction\": \"up\"}]}");
        assertThat(direction.status()).isEqualTo(400);
        assertThat(direction.error()).contains("no-worse-min, no-worse-max or equal");
        Api.Response unknownModel = api.postJson("/api/optimization/experiments", "{\"name\": \"x\", \"models\":"
                + " [\"no-such-model\"], \"inputs\": [{\"name\": \"a\"}]}");
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.json().get("code").asText()).isEqualTo("MODEL_NOT_FOUND");
        Api.Response missing = api.get("/api/optimization/experiments/exp_1_nosuch");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("EXPERIMENT_NOT_FOUND");
    }
}
