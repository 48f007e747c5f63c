package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The real models in {@code models/} run in the sandbox as they do under CPython. */
class SampleModelsTest {
    private static final Path MODELS = Path.of("..", "models");
    private static final List<String> DMO_LINES = List.of(
            "\\[\\d{4}-\\d\\d-\\d\\dT[^\\]]+] Starting DMO optimization",
            "Job ID: DMO_\\d{13}_[a-z0-9]{6}",
            "Configuration: \\{.*}",
            "Loading market data from database\\.\\.\\.",
            "Data loaded successfully: \\d+ records",
            "Running optimization algorithm\\.\\.\\.",
            "Optimization converged after \\d+ iterations",
            "Objective value: -?[0-9.]+(e[+-]?\\d+)?",
            "Writing results to database\\.\\.\\.",
            "Results written: \\d+ records",
            "\\[\\d{4}-\\d\\d-\\d\\dT[^\\]]+] DMO optimization completed successfully");

    private final Sandbox sandbox = TestSandbox.shared();

    @Test
    void sampleDmoModelPrintsTheSpecLinesInOrderAndSucceeds() throws IOException {
        Model model = upload("sample_dmo_model.py", ModelType.DMO);
        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(Map.of("hours", 24)))
                .await(Duration.ofMinutes(5));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        List<String> messages = TestSandbox.messages(sandbox, job);
        int next = 0;
        for (String message : messages) {
            if (next < DMO_LINES.size() && Pattern.matches(DMO_LINES.get(next), message)) {
                next++;
            }
        }
        assertThat(next).as("spec lines found in order, in %s", messages).isEqualTo(DMO_LINES.size());
        assertThat(messages).contains("Job ID: " + job.id(), "Configuration: {\"hours\": 24}");
        assertThat(job.result()).isInstanceOf(Map.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "sample_dmo_model.py; DMO; {\"selfCheck\": true, \"hours\": 4, \"generators\": 3, \"blocks\": 5, \"seed\": 7}",
            "sample_rmo_model.py; RMO; {\"selfCheck\": true, \"generators\": 3, \"intervals\": 6, \"seed\": 5}",
            "sample_so_model.py; SO; {\"selfCheck\": true, \"generators\": 3, \"hours\": 4, \"seed\": 11}"})
    void eachSampleModelAgreesWithABruteForceSolution(String file, ModelType type, String config) throws IOException {
        Model model = upload(file, type);
        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfigJson(config)).await(Duration.ofMinutes(5));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        Map<?, ?> check = (Map<?, ?>) ((Map<?, ?>) job.result()).get("selfCheck");
        double objective = ((Number) check.get("objective")).doubleValue();
        double bruteForce = ((Number) check.get("bruteForceObjective")).doubleValue();
        assertThat(objective).isCloseTo(bruteForce, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(bruteForce))));
        assertThat(TestSandbox.EVENTS.of(job.id(), com.sandboxopt.core.event.MetricEvent.class)).isNotEmpty();
        assertThat(TestSandbox.EVENTS.of(job.id(), com.sandboxopt.core.event.ProgressEvent.class)).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "sample_dmo_model.py; DMO; dmo; prices.csv",
            "sample_rmo_model.py; RMO; rmo; dispatch.csv",
            "sample_so_model.py; SO; so; commitment.csv",
            "scipy_economic_dispatch.py; DMO; so; dispatch.csv"})
    void eachSampleModelReadsItsBundledDataSourceAndLeavesItsSchedulesAsArtifacts(String file, ModelType type,
                                                                                  String folder, String artifact)
            throws IOException {
        DataSource data;
        try (DataSourceDraft draft = sandbox.dataSources().draft("bundled-" + folder, "models/data/" + folder);
             java.util.stream.Stream<Path> files = Files.list(MODELS.resolve("data").resolve(folder))) {
            files.sorted().forEach(draft::addFile);
            data = draft.commit();
        }
        Model model = upload(file, type);

        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDataSourceId(data.id())).await(Duration.ofMinutes(5));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).anyMatch(line -> line.contains("data source bundled-" + folder));
        Map<?, ?> source = (Map<?, ?>) ((Map<?, ?>) job.result()).get("dataSource");
        assertThat(source.get("id")).isEqualTo(data.id());
        assertThat(sandbox.jobs().artifacts(job.id())).extracting(Artifact::name).contains(artifact);
        assertThat(sandbox.jobs().artifacts(job.id())).allSatisfy(kept -> assertThat(kept.contentType()).isEqualTo("text/csv"));
    }

    @Test
    void theScipyDispatchModelRunsOnCPythonAndPrintsWhatPlainPython3Prints() throws Exception {
        Model model = upload("scipy_economic_dispatch.py", ModelType.DMO);
        assertThat(model.runtime()).isEqualTo(RuntimeKind.CPYTHON);
        assertThat(model.runtimeReason()).contains("numpy", "pandas", "scipy");
        String config = "{\"seed\": 7, \"hours\": 12}";

        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfigJson(config)).await(Duration.ofMinutes(5));
        Path workDir = Files.createDirectories(TestSandbox.tempDirectory().resolve("output")).getParent();
        Process plain = new ProcessBuilder("/usr/bin/python3", MODELS.resolve("scipy_economic_dispatch.py").toAbsolutePath()
                .toString(), config).directory(workDir.toFile()).start();
        List<String> stdout = new String(plain.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        List<String> stderr = new String(plain.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(plain.waitFor()).as(String.join("\n", stderr)).isZero();

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        List<String> printed = stdout.subList(0, stdout.size() - 1).stream().map(SampleModelsTest::comparable).toList();
        List<String> inSandbox = TestSandbox.messages(sandbox, job).stream().map(SampleModelsTest::comparable).toList();
        assertThat(inSandbox.stream().filter(printed::contains).toList()).isEqualTo(printed);
        assertThat(inSandbox).containsAll(stderr.stream().map(SampleModelsTest::comparable).toList()); // logging: stderr locally
        Map<?, ?> local = (Map<?, ?>) com.sandboxopt.core.internal.util.Json.read(stdout.get(stdout.size() - 1));
        assertThat(((Map<?, ?>) job.result()).get("objective")).isEqualTo(local.get("objective"));
        assertThat(((Map<?, ?>) job.result()).get("prices")).isEqualTo(local.get("prices"));
    }

    /** A line without what differs between two runs: timestamps, the job id, the solve time. */
    private static String comparable(String line) {
        return line.replaceAll("^\\[[^\\]]+]", "[time]").replaceAll("^Job ID: .*", "Job ID: <id>")
                .replaceAll(" in \\d+\\.\\d+ s$", " in <t> s");
    }

    private Model upload(String file, ModelType type) throws IOException {
        return sandbox.models().upload(ModelUpload.of(file, Files.readAllBytes(MODELS.resolve(file)), type));
    }
}
