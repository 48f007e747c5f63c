package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
        Job job = sandbox.execute(ExecutionRequest.of(model.id()).withConfig(Map.of("hours", 24)))
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
        Job job = sandbox.execute(ExecutionRequest.of(model.id()).withConfigJson(config)).await(Duration.ofMinutes(5));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        Map<?, ?> check = (Map<?, ?>) ((Map<?, ?>) job.result()).get("selfCheck");
        double objective = ((Number) check.get("objective")).doubleValue();
        double bruteForce = ((Number) check.get("bruteForceObjective")).doubleValue();
        assertThat(objective).isCloseTo(bruteForce, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(bruteForce))));
        assertThat(TestSandbox.EVENTS.of(job.id(), com.sandboxopt.core.event.MetricEvent.class)).isNotEmpty();
        assertThat(TestSandbox.EVENTS.of(job.id(), com.sandboxopt.core.event.ProgressEvent.class)).isNotEmpty();
    }

    private Model upload(String file, ModelType type) throws IOException {
        return sandbox.uploadModel(ModelUpload.of(file, Files.readAllBytes(MODELS.resolve(file)), type));
    }
}
