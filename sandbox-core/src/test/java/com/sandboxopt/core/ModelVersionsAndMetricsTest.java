package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Model versions by file name, archive and restore, config defaults read at upload, and stored metrics. */
class ModelVersionsAndMetricsTest {
    private final Sandbox sandbox = TestSandbox.shared();

    private static String uniqueFile() {
        return "versioned_" + UUID.randomUUID().toString().substring(0, 8) + ".py";
    }

    private Model upload(String fileName, ModelType type, String source) {
        return sandbox.models().upload(ModelUpload.of(fileName, source.getBytes(StandardCharsets.UTF_8), type));
    }

    @Test
    void uploadingTheSameFileNameAgainMakesTheNextVersionOfThatType() {
        String file = uniqueFile();
        Model v1 = upload(file, ModelType.DMO, "x = 1\n");
        Model v2 = upload(file, ModelType.DMO, "x = 2\n");
        sandbox.models().archive(v2.id());
        Model v3 = upload(file, ModelType.DMO, "x = 3\n");
        Model otherType = upload(file, ModelType.SO, "x = 4\n");
        Model otherFile = upload(uniqueFile(), ModelType.DMO, "x = 5\n");

        assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1, 2, 3);
        assertThat(otherType.version()).isEqualTo(1);
        assertThat(otherFile.version()).isEqualTo(1);
        assertThat(v2.name()).isNotEqualTo(v1.name()).endsWith("_" + file); // the stored name keeps its spec shape
        assertThat(sandbox.models().get(v3.id()).version()).isEqualTo(3);
    }

    @Test
    void anArchivedModelCanBeRestoredAndRunsAgain() {
        Model model = upload(uniqueFile(), ModelType.RMO, "print('back')\n");
        sandbox.models().archive(model.id());
        assertThat(sandbox.models().get(model.id()).status()).isEqualTo(ModelStatus.ARCHIVED);

        Model restored = sandbox.models().restore(model.id());

        assertThat(restored.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(sandbox.models().get(model.id())).isEqualTo(restored);
        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(java.time.Duration.ofMinutes(2));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(sandbox.models().restore(model.id()).status()).isEqualTo(ModelStatus.ACTIVE); // restoring twice is fine
    }

    @Test
    void configDefaultsAreReadFromALiteralDictWithoutRunningTheModel() {
        Model model = upload(uniqueFile(), ModelType.SO, String.join("\n",
                "import sys",
                "CONFIG_DEFAULTS = {'hours': 12}  # replaced below: the last assignment counts",
                "CONFIG_DEFAULTS = {",
                "    'hours': 24, 'voll': 3000.0, 'solver': None, 'msg': True,",
                "    'units': ['G1', 'G2'], 'limits': {'ramp': 0.5},",
                "}",
                "raise SystemExit('never run at upload')", ""));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("hours", 24);
        expected.put("voll", 3000.0);
        expected.put("solver", null);
        expected.put("msg", true);
        expected.put("units", List.of("G1", "G2"));
        expected.put("limits", Map.of("ramp", 0.5));
        assertThat(model.configDefaults()).containsExactlyEntriesOf(expected);
        assertThat(sandbox.models().get(model.id()).configDefaults()).containsExactlyEntriesOf(expected);
    }

    @Test
    void defaultsThatAreNotALiteralDictOfNamesAreLeftEmpty() {
        for (String defaults : List.of("dict(hours=24)", "{1: 'a'}", "[('hours', 24)]", "{'x': float('nan')}",
                "{'x': 1e999}", "{'hours': HOURS}")) {
            Model model = upload(uniqueFile(), ModelType.DMO, "HOURS = 24\nCONFIG_DEFAULTS = " + defaults + "\n");
            assertThat(model.configDefaults()).as(defaults).isEmpty();
        }
        assertThat(upload(uniqueFile(), ModelType.DMO, "def f():\n    CONFIG_DEFAULTS = {'a': 1}\n").configDefaults())
                .as("only a top-level assignment counts").isEmpty();
    }

    @Test
    void defaultsGivenAtUploadWinOverTheModelsOwn() {
        Model model = sandbox.models().upload(ModelUpload.of(uniqueFile(),
                "CONFIG_DEFAULTS = {'hours': 24}\n".getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withConfigDefaults(Map.of("hours", 6, "seed", 7)));

        assertThat(model.configDefaults()).isEqualTo(Map.of("hours", 6, "seed", 7));
    }

    @Test
    void aJobsMetricsAreStoredInTheOrderReported() {
        Job job = TestSandbox.run(sandbox, String.join("\n",
                "import sandbox",
                "for step in range(3):",
                "    sandbox.metric('objective', 100.0 - step, step=step)",
                "sandbox.metric('gap', 0.25)", ""));

        assertThat(sandbox.jobs().metrics(job.id())).extracting(Metric::seq, Metric::name, Metric::value, Metric::step)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "objective", 100.0, 0L),
                        org.assertj.core.groups.Tuple.tuple(2L, "objective", 99.0, 1L),
                        org.assertj.core.groups.Tuple.tuple(3L, "objective", 98.0, 2L),
                        org.assertj.core.groups.Tuple.tuple(4L, "gap", 0.25, null));
        assertThat(sandbox.jobs().metrics(job.id())).allSatisfy(metric -> assertThat(metric.jobId()).isEqualTo(job.id()));
    }

    @Test
    void pointsPastTheCapAreNotStoredAndOneWarningSaysSo() {
        int reported = Sandbox.MAX_STORED_METRICS + 5;
        Job job = TestSandbox.run(sandbox, "import sandbox\nfor i in range(" + reported + "):\n"
                + "    sandbox.metric('x', float(i), step=i)\n");

        List<Metric> stored = sandbox.jobs().metrics(job.id());
        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(stored).hasSize(Sandbox.MAX_STORED_METRICS);
        assertThat(stored.get(stored.size() - 1).value()).isEqualTo(Sandbox.MAX_STORED_METRICS - 1.0);
        assertThat(sandbox.jobs().logs(job.id(), LogQuery.all())).filteredOn(line -> line.level() == LogLevel.WARNING)
                .extracting(LogLine::message).singleElement().asString()
                .contains("more than " + Sandbox.MAX_STORED_METRICS + " metric points");
    }
}
