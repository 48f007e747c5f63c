package com.sandboxopt.core;

import com.sandboxopt.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two nodes on one real PostgreSQL share an experiment's jobs, and both read the same experiment. */
class ExperimentsOnTwoNodesTest {

    @Test
    void theRunsOfOneExperimentRunOnBothNodes() {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        try (Sandbox a = node(database, "exp-a"); Sandbox b = node(database, "exp-b")) {
            Model model = TestSandbox.upload(a, "exp_sleep.py", ModelType.SO, """
                    import sandbox, time
                    time.sleep(1.0)
                    sandbox.result({'objective': sandbox.config.get('x', 0)})
                    """, RuntimeKind.CPYTHON);
            List<ExperimentInput> inputs = List.of(1, 2, 3, 4).stream()
                    .map(x -> new ExperimentInput("in" + x, null, null, Map.of("x", x))).toList();
            Experiment started = a.experiments().create(new ExperimentDraft("shared", List.of(model.id()), inputs, 1,
                    null, List.of()), null);
            await().atMost(Duration.ofMinutes(2)).until(() -> b.experiments().get(started.id()).status()
                    .equals(Experiment.COMPLETED));
            Experiment done = b.experiments().get(started.id());
            assertThat(done.runs()).allSatisfy(run -> assertThat(run.status()).isEqualTo(JobStatus.SUCCESS));
            Set<String> nodes = done.runs().stream().map(run -> a.jobs().get(run.jobId()).placement().nodeId())
                    .collect(Collectors.toSet());
            assertThat(nodes).containsExactlyInAnyOrder("exp-a", "exp-b");
            assertThat(done.runs()).as("what each node measured, read on node b from the shared database")
                    .allSatisfy(run -> assertThat(run.metrics()).containsKey("cpu_ms"));
            assertThat(done.summary()).filteredOn(r -> r.metric().equals("objective"))
                    .extracting(ExperimentResult::value).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0);
        }
    }

    private static Sandbox node(TestPostgres.Database database, String id) {
        return Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(database.url(), database.user(), database.password()).nodeId(id).poolSize(1)
                .runtimes(RuntimeKind.CPYTHON).build();
    }
}
