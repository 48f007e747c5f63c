package com.sandboxopt.core;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Experiments on real jobs (CPython runtime, an H2 file): runs, summary, verdicts, reproducibility, cancel, restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentsTest {
    private static final String MODEL = """
            import sandbox
            x = sandbox.config.get('x', 0)
            sandbox.metric('mip_gap', 0.5)
            sandbox.metric('mip_gap', 0.01 * x)
            sandbox.result({'objective': x * 10 + BONUS, 'stats': {'mean': x}, 'prices': [x, x], 'note': None})
            """;
    private static final List<ExperimentInput> INPUTS = List.of(
            new ExperimentInput("a", null, null, Map.of("x", 1)),
            new ExperimentInput("b", null, null, Map.of("x", 2)),
            new ExperimentInput("c", null, null, Map.of("x", 3)));

    private Path directory;
    private Sandbox sandbox;
    private Model v1;
    private Model v2;

    @BeforeAll
    void start() {
        directory = TestSandbox.tempDirectory();
        sandbox = open();
        v1 = TestSandbox.upload(sandbox, "dmo_rule.py", ModelType.DMO, "BONUS = 0\n" + MODEL, RuntimeKind.CPYTHON);
        v2 = TestSandbox.upload(sandbox, "dmo_rule.py", ModelType.DMO, "BONUS = 1\n" + MODEL, RuntimeKind.CPYTHON);
    }

    private Sandbox open() {
        return Sandbox.builder().dataDirectory(directory).poolSize(2).runtimes(RuntimeKind.CPYTHON).build();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    private Experiment finished(String id) {
        await().atMost(Duration.ofMinutes(2)).until(() -> !sandbox.experiments().get(id).status()
                .equals(Experiment.RUNNING));
        return sandbox.experiments().get(id);
    }

    @Test
    void twoVersionsOnThreeInputsTwiceAreTwelveJobsSummarisedAgainstTheBaseline() {
        ExperimentDraft draft = new ExperimentDraft("bonus", List.of(v1.id(), v2.id()), INPUTS, 2, v1.id(),
                List.of(new AcceptanceRule("objective", AcceptanceRule.Direction.NO_WORSE_MIN, 0.5)));
        Experiment started = sandbox.experiments().create(draft, "anna");
        assertThat(started.runs()).hasSize(12);
        assertThat(started.owner()).isEqualTo("anna");
        Experiment done = finished(started.id());

        assertThat(done.status()).isEqualTo(Experiment.COMPLETED);
        assertThat(done.runs()).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(JobStatus.SUCCESS);
            Job job = sandbox.jobs().get(run.jobId());
            assertThat(job.origin().experimentId()).isEqualTo(started.id());
            assertThat(job.origin().owner()).isEqualTo("anna");
        });
        ExperimentResult objective = cell(done, v2.id(), "b", "objective");
        assertThat(objective.value()).isEqualTo(21.0);
        assertThat(objective.baseline()).isEqualTo(20.0);
        assertThat(objective.delta()).isEqualTo(1.0);
        assertThat(objective.relative()).isEqualTo(0.05);
        assertThat(objective.verdict()).isEqualTo(ExperimentResult.FAIL);
        assertThat(cell(done, v1.id(), "b", "objective").verdict()).isEqualTo(ExperimentResult.PASS);
        assertThat(cell(done, v2.id(), "c", "stats.mean").verdict()).isEqualTo(ExperimentResult.NOT_APPLICABLE);
        assertThat(cell(done, v2.id(), "c", "mip_gap").value()).as("the last reported value").isEqualTo(0.03);
        assertThat(cell(done, v2.id(), "a", "duration_ms").value()).isPositive();
        boolean cgroups = sandbox.runtimes().stream() // without cgroups CPython measures no peak
                .anyMatch(r -> r.kind() == RuntimeKind.CPYTHON && r.version().contains("cgroup"));
        assertThat(done.runs()).allSatisfy(run -> {
            assertThat(run.metrics().get("cpu_ms")).as("cpu_ms of " + run.jobId()).isNotNull()
                    .isEqualTo(sandbox.jobs().get(run.jobId()).usage().cpuMs().doubleValue());
            assertThat(run.metrics().containsKey("peak_memory_bytes")).as("peak_memory_bytes of " + run.jobId())
                    .isEqualTo(cgroups);
        });
        assertThat(cell(done, v2.id(), "a", "cpu_ms").baseline()).as("the baseline's median").isNotNull();
        if (cgroups) {
            assertThat(cell(done, v2.id(), "a", "peak_memory_bytes").value()).as("an interpreter's sandbox")
                    .isGreaterThan(1 << 20);
        }
        assertThat(done.summary()).noneMatch(r -> r.metric().startsWith("prices"));
        assertThat(done.passed()).isFalse();
        assertThat(done.failures()).hasSize(3).anySatisfy(f -> assertThat(f)
                .startsWith("objective on input a: model " + v2.id() + " has 11 against the baseline's 10"));
        assertThat(done.reproducible()).isTrue();
        assertThat(done.difference()).isNull();
        assertThat(sandbox.experiments().list()).extracting(Experiment::id).contains(started.id());
    }

    @Test
    void aModelWithARandomElementIsNotReproducibleAndTheKeyIsNamed() {
        Model random = TestSandbox.upload(sandbox, "random_rule.py", ModelType.DMO, """
                import random, sandbox
                sandbox.result({'fixed': 1, 'objective': random.random()})
                """, RuntimeKind.CPYTHON);
        Experiment done = finished(sandbox.experiments().create(new ExperimentDraft("random", List.of(random.id()),
                List.of(INPUTS.get(0)), 2, null, List.of()), null).id());
        assertThat(done.reproducible()).isFalse();
        assertThat(done.difference()).startsWith("objective (model " + random.id() + ", input a: ");
        assertThat(done.passed()).as("no rule applied").isNull();
    }

    @Test
    void cancellingStopsTheRunsNotYetEnded() {
        Model forever = TestSandbox.upload(sandbox, "forever_rule.py", ModelType.SO,
                "import time\nwhile True:\n    time.sleep(0.05)\n", RuntimeKind.CPYTHON);
        Experiment started = sandbox.experiments().create(new ExperimentDraft("forever", List.of(forever.id()),
                INPUTS, 1, null, List.of()), null);
        Experiment cancelled = sandbox.experiments().cancel(started.id());
        assertThat(cancelled.status()).isEqualTo(Experiment.CANCELLED);
        await().atMost(Duration.ofMinutes(1)).until(() -> sandbox.experiments().get(started.id()).runs().stream()
                .allMatch(run -> run.status() == JobStatus.CANCELLED));
    }

    @Test
    void badInputStoresNothing() {
        int before = sandbox.experiments().list().size();
        assertThatThrownBy(() -> sandbox.experiments().create(new ExperimentDraft("x", List.of("nope"), INPUTS, 1, null,
                List.of()), null)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND));
        assertThatThrownBy(() -> sandbox.experiments().create(new ExperimentDraft("x", List.of(v1.id()),
                List.of(ExperimentInput.of("a", "no-such-data")), 1, null, List.of()), null))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_SOURCE_NOT_FOUND));
        assertThatThrownBy(() -> new ExperimentDraft("x", List.of(v1.id()), INPUTS, 1, "other", List.of()))
                .hasMessageContaining("baseline other is not one of models");
        assertThatThrownBy(() -> new ExperimentDraft("x", List.of(v1.id()), List.of(INPUTS.get(0), INPUTS.get(0)), 1,
                null, List.of())).hasMessageContaining("Two inputs are named 'a'");
        assertThat(sandbox.experiments().list()).hasSize(before);
    }

    @Test
    void anExperimentIsReadTheSameAfterARestart() {
        Experiment done = finished(sandbox.experiments().create(new ExperimentDraft("restart", List.of(v1.id(),
                v2.id()), List.of(INPUTS.get(0)), 1, null, List.of(new AcceptanceRule("objective",
                AcceptanceRule.Direction.EQUAL, 1.0))), null).id());
        sandbox.close();
        sandbox = open();
        Experiment again = sandbox.experiments().get(done.id());
        assertThat(again.summary()).isEqualTo(done.summary());
        assertThat(again.passed()).isTrue();
        assertThat(again.definition()).isEqualTo(done.definition());
    }

    private static ExperimentResult cell(Experiment experiment, String model, String input, String metric) {
        return experiment.summary().stream().filter(r -> r.modelId().equals(model) && r.input().equals(input)
                && r.metric().equals(metric)).findFirst().orElseThrow(() -> new AssertionError(
                model + "/" + input + "/" + metric + " not in " + experiment.summary()));
    }
}
