package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server finds Debian's PuLP and has the OR-Tools solver: a PuLP model runs over REST, its MIP progress arrives as metrics. */
class PulpModelOverApiTest {
    private final Api api = TestServers.open();

    @Test
    void thePulpUnitCommitmentSampleRunsAndStreamsItsMipProgress() throws IOException {
        String source = Files.readString(Path.of("..", "models", "pulp_so_unit_commitment.py"));
        try (WsClient ws = WsClient.connect(api)) {
            ws.subscribe("{\"action\": \"subscribe\", \"modelType\": \"SO\"}");
            String id = api.uploadModel("pulp_so_unit_commitment.py", source, "SO");
            String jobId = api.execute(id, "{\"hours\": 12, \"generators\": 6}");

            List<JsonNode> events = ws.until(WsClient.ended(jobId));
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.get("event").asText()).as(last.toString()).isEqualTo("optimization:completed");
            List<String> metricNames = events.stream().filter(e -> e.get("event").asText().equals("optimization:metric"))
                    .map(e -> e.at("/data/name").asText()).toList();
            assertThat(metricNames).contains("mip_incumbent", "mip_bound", "mip_gap");
            assertThat(events.stream().filter(e -> e.get("event").asText().equals("optimization:log"))
                    .map(e -> e.at("/data/message").asText())).anyMatch(line -> line.contains("Welcome to the CBC MILP Solver"));

            JsonNode result = api.job(jobId).get("result");
            assertThat(result.get("status").asText()).isEqualTo("Optimal");
            assertThat(result.get("prices")).hasSize(12);
        }
    }

    @Test
    void theStatusNamesTheSolverAndThePackages() {
        JsonNode status = api.get("/api/optimization/status").json();

        assertThat(status.at("/solver/description").asText()).startsWith("OR-Tools 9.12.4544");
        assertThat(status.at("/solver/backends")).extracting(JsonNode::asText).containsExactly("cbc", "clp", "highs", "scip", "glop");
        assertThat(status.at("/packages/~1packages~1pulp").asText()).isEqualTo("/usr/lib/python3/dist-packages/pulp");
    }
}
