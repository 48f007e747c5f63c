package com.sandboxopt.solver.ortools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.event.MetricEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PuLP sample models give the same objectives and prices in the sandbox (OR-Tools' CBC and CLP)
 * as under CPython with Debian's PuLP and CBC's own program, to 1e-6 relative.
 */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class PulpSampleModelsTest {
    @Parameter
    RuntimeKind runtime;

    private static final Path MODELS = Path.of("..", "models");
    private static final Path CPYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "pulp_dmo_market_clearing.py; DMO; {}",
            "pulp_dmo_market_clearing.py; DMO; {\"seed\": 7, \"blocks\": 30, \"hours\": 12, \"msg\": false}",
            "pulp_so_unit_commitment.py; SO; {}",
            "pulp_so_unit_commitment.py; SO; {\"seed\": 3, \"generators\": 6, \"hours\": 12, \"msg\": false}"})
    void aSampleModelAgreesWithCPythonAndCbc(String file, ModelType type, String config) throws Exception {
        Map<?, ?> expected = underCPython(file, config);

        Model model = PulpSandbox.upload(runtime, file, type, Files.readString(MODELS.resolve(file)));
        Job job = PulpSandbox.shared().jobs().execute(ExecutionRequest.of(model.id()).withConfigJson(config)).await(Duration.ofMinutes(5));
        assertThat(job.status()).as(job.error() + "\n" + String.join("\n", PulpSandbox.messages(job))).isEqualTo(JobStatus.SUCCESS);
        Map<?, ?> actual = (Map<?, ?>) job.result();

        assertThat(actual.get("status")).isEqualTo("Optimal").isEqualTo(expected.get("status"));
        assertThat(actual.get("degenerateHours")).isEqualTo(0);
        assertClose(number(actual, "objective"), number(expected, "objective"));
        assertClose(number(actual, "lpObjective"), number(expected, "lpObjective"));
        List<?> prices = (List<?>) actual.get("prices");
        List<?> expectedPrices = (List<?>) expected.get("prices");
        assertThat(prices).hasSameSizeAs(expectedPrices).isNotEmpty();
        for (int h = 0; h < prices.size(); h++) {
            assertClose(((Number) prices.get(h)).doubleValue(), ((Number) expectedPrices.get(h)).doubleValue());
        }
        assertThat(PulpSandbox.EVENTS.metrics(job.id())).extracting(MetricEvent::name).contains("objective");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"pulp_dmo_market_clearing.py; DMO; dmo", "pulp_so_unit_commitment.py; SO; so"})
    void aSampleModelReadsTheBundledDataSourceAsCPythonReadsTheFolder(String file, ModelType type, String folder)
            throws Exception {
        Path data = MODELS.resolve("data").resolve(folder).toAbsolutePath().normalize();
        Map<?, ?> expected = underCPython(file, JSON.writeValueAsString(Map.of("dataDir", data.toString(), "msg", false)));
        com.sandboxopt.core.DataSource source;
        try (com.sandboxopt.core.DataSourceDraft draft = PulpSandbox.shared().dataSources().draft("pulp-" + folder, null);
             java.util.stream.Stream<Path> files = Files.list(data)) {
            files.sorted().forEach(draft::addFile);
            source = draft.commit();
        }

        Model model = PulpSandbox.upload(runtime, file, type, Files.readString(MODELS.resolve(file)));
        Job job = PulpSandbox.shared().jobs().execute(ExecutionRequest.of(model.id()).withConfigJson("{\"msg\": false}")
                .withDataSourceId(source.name())).await(Duration.ofMinutes(5));

        assertThat(job.status()).as(job.error() + "\n" + String.join("\n", PulpSandbox.messages(job))).isEqualTo(JobStatus.SUCCESS);
        Map<?, ?> actual = (Map<?, ?>) job.result();
        assertThat(actual.get("status")).isEqualTo("Optimal").isEqualTo(expected.get("status"));
        assertThat(((Map<?, ?>) actual.get("dataSource")).get("id")).isEqualTo(source.id());
        assertClose(number(actual, "objective"), number(expected, "objective"));
        assertThat(PulpSandbox.shared().jobs().artifacts(job.id())).extracting(com.sandboxopt.core.Artifact::name).contains("prices.csv");
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as("%s against %s", actual, expected)
                .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(expected)));
    }

    private static double number(Map<?, ?> result, String key) {
        return ((Number) result.get(key)).doubleValue();
    }

    /** Runs the model as its author would: Debian's python3 with PuLP and CBC, in a folder of its own. */
    static Map<?, ?> underCPython(String file, String config) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("cpython-run");
        Process process = new ProcessBuilder(CPYTHON.toString(), MODELS.resolve(file).toAbsolutePath().toString(), config)
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<String> lines = out.lines().filter(line -> !line.isBlank()).toList();
        return JSON.readValue(lines.get(lines.size() - 1), Map.class);
    }
}
