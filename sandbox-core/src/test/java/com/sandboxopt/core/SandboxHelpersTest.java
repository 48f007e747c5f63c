package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The guest's helpers for config, input files and CSV tables (models/sandbox.py), the same on both runtimes. */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class SandboxHelpersTest {
    /** Excel's byte-order mark, names in another case with blanks, an extra column, an empty optional value. */
    private static final String UNITS = "\uFEFFUnit , PMAX_MW,technology,notes\nG1,200,ccgt,x\n\nG2,150.5,,\n";
    private static final String LOAD = "hour,load_mw\n1,920\n0,900.5\n";

    @Parameter
    RuntimeKind runtime;

    private final Sandbox sandbox = TestSandbox.shared();

    @Test
    void readConfigOverlaysTheDefaultsWithTheJobsConfigAndWarnsOfUnknownKeys() {
        Job job = run(String.join("\n",
                "import sandbox",
                "p = sandbox.read_config({'hours': 24, 'cap': 3000.0, 'check': False, 'solver': None},",
                "                        minimum={'hours': 1}, nullable={'solver': str})",
                "print(sorted(p.items()))", ""),
                Map.of("hours", 6, "cap", 100, "solver", "cbc", "dataAlias", "ignored here", "colour", "red"), Map.of());

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(sandbox.jobs().logs(job.id(), LogQuery.all())).extracting(LogLine::level, LogLine::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LogLevel.WARNING, "Ignoring unknown config key 'colour'"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.INFO,
                        "[('cap', 100.0), ('check', False), ('hours', 6), ('solver', 'cbc')]"));
    }

    @Test
    void aConfigValueOutOfRangeStopsTheJobNamingTheKey() {
        Job job = run("import sandbox\nsandbox.read_config({'hours': 24}, minimum={'hours': 1})\n",
                Map.of("hours", 0), Map.of());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("ValueError: config 'hours' must be at least 1, got 0");
    }

    @Test
    void findDataGivesTheJobsDataSourceAndReadTableItsRowsWithTypedColumns() {
        DataSource data = dataSource(Map.of("units.csv", UNITS, "load.csv", LOAD));

        Job job = run(String.join("\n",
                "import sandbox",
                "data = sandbox.find_data()",
                "print(data)",
                "print(data.path, data.reference() == {'id': sandbox.data_source_id, 'name': data.name, 'version': 1})",
                "units = data.read_table('units.csv', {'unit': str, 'pmax_mw': sandbox.number},",
                "                        {'technology': (str, '?'), 'pmin_mw': (sandbox.number, 0.0)}, unique=('unit',))",
                "print([(u['unit'], u['pmax_mw'], u['technology'], u['pmin_mw'], u['_line']) for u in units])",
                "load = sandbox.read_table('data/load.csv', {'hour': sandbox.whole, 'load_mw': sandbox.number}, index='hour')",
                "print([(row['hour'], row['load_mw']) for row in load])",
                "print(data.read_table('outages.csv', {'unit': str}, required=False))", ""),
                Map.of(), Map.of("dataSourceId", data.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly(
                "data source " + data.name() + " v1 (load.csv " + LOAD.length() + " B, units.csv "
                        + UNITS.getBytes(StandardCharsets.UTF_8).length + " B)",
                "data True",
                "[('G1', 200.0, 'ccgt', 0.0, 2), ('G2', 150.5, '?', 0.0, 4)]",
                "[(0, 900.5), (1, 920.0)]",
                "None");
    }

    @Test
    void aBadNumberStopsTheJobNamingTheFileTheLineAndTheColumn() {
        DataSource data = dataSource(Map.of("units.csv", "unit,pmax_mw\nG1,200\nG2,15o\n"));

        Job job = run("import sandbox\nsandbox.find_data().read_table('units.csv', {'unit': str, 'pmax_mw': sandbox.number})\n",
                Map.of(), Map.of("dataSourceId", data.id()));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("ValueError: units.csv line 3: column pmax_mw must be a number, got '15o'");
    }

    @Test
    void eachMistakeInATableIsNamedWithWhatToFix() {
        DataSource data = dataSource(Map.of("units.csv", UNITS, "load.csv", "hour,load_mw\n0,900\n2,-5\n0,910\n",
                "gap.csv", "hour,load_mw\n0,900\n2,910\n"));

        Job job = run(String.join("\n",
                "import sandbox",
                "data = sandbox.find_data()",
                "number, whole = sandbox.number, sandbox.whole",
                "for name, columns, checks in [",
                "        ('units.csv', {'unit': str, 'pmin_mw': number}, {}),",
                "        ('bids.csv', {'hour': whole}, {}),",
                "        ('units.csv', {'unit': str, 'technology': str}, {}),",
                "        ('units.csv', {'unit': whole}, {}),",
                "        ('load.csv', {'hour': whole, 'load_mw': number}, {'minimum': {'load_mw': 0}}),",
                "        ('load.csv', {'hour': whole, 'load_mw': number}, {'unique': ('hour',)}),",
                "        ('gap.csv', {'hour': whole, 'load_mw': number}, {'index': 'hour'})]:",
                "    try:",
                "        data.read_table(name, columns, **checks)",
                "    except (ValueError, FileNotFoundError) as e:",
                "        print(type(e).__name__ + ': ' + str(e))", ""),
                Map.of(), Map.of("dataSourceId", data.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly(
                "ValueError: units.csv has no column pmin_mw: expected the columns unit, pmin_mw "
                        + "(found unit, pmax_mw, technology, notes)",
                "FileNotFoundError: the data has no bids.csv (looked for data/bids.csv); it needs a CSV file bids.csv "
                        + "with the columns hour",
                "ValueError: units.csv line 4: column technology is empty",
                "ValueError: units.csv line 2: column unit must be a whole number, got 'G1'",
                "ValueError: load.csv line 3: column load_mw must be at least 0, got '-5'",
                "ValueError: load.csv line 4: hour 0 is there twice (first on line 2)",
                "ValueError: gap.csv needs one row for each hour 0, 1, 2, ...: hour 1 is missing");
    }

    @Test
    void anAliasChoosesOneOfSeveralDataSourcesAndNoneMeansNoData() {
        DataSource units = dataSource(Map.of("units.csv", UNITS));
        DataSource load = dataSource(Map.of("load.csv", LOAD));
        String source = "import sandbox\ndata = sandbox.find_data()\nprint(data and data.path)\n";

        Job chosen = run(source, Map.of("dataAlias", "fc"), Map.of("dataSources", Map.of("mk", units.id(), "fc", load.id())));
        Job ambiguous = run(source, Map.of(), Map.of("dataSources", Map.of("mk", units.id(), "fc", load.id())));
        Job none = run(source, Map.of(), Map.of());

        assertThat(TestSandbox.messages(sandbox, chosen)).containsExactly("data/fc");
        assertThat(ambiguous.error()).isEqualTo(
                "ValueError: the job has the data sources fc, mk: set config 'dataAlias' to the one to read");
        assertThat(TestSandbox.messages(sandbox, none)).containsExactly("None");
    }

    @Test
    void writeCsvWritesAnArtifactAndReturnsItsPath() throws IOException {
        Job job = run("import sandbox\nprint(sandbox.write_csv('output/prices.csv', ['hour', 'price'], [[0, 41.5], [1, 39.0]]))\n",
                Map.of(), Map.of());

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("output/prices.csv");
        try (InputStream in = sandbox.jobs().openArtifact(job.id(), "prices.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hour,price\r\n0,41.5\r\n1,39.0\r\n");
        }
    }

    @Test
    void theHelpersAreAddedToTheModuleOnlyWhenAModelFirstAsksForOne() {
        Job job = run(String.join("\n",
                "import sandbox",
                "print(sandbox.config, 'read_table' in vars(sandbox))",
                "print(sandbox.whole('3.0'), 'read_table' in vars(sandbox), sandbox.__doc__)", ""),
                Map.of(), Map.of());

        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("{} False",
                "3 True The host API of the Sandbox Optimization System.");
    }

    private DataSource dataSource(Map<String, String> files) {
        Map<String, byte[]> bytes = new TreeMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return sandbox.dataSources().upload("helpers-" + UUID.randomUUID().toString().substring(0, 8), null, bytes);
    }

    /** Runs the source on this runtime; data: "dataSourceId" (an id) or "dataSources" (alias to id). */
    @SuppressWarnings("unchecked")
    private Job run(String source, Map<String, Object> config, Map<String, Object> data) {
        Model model = TestSandbox.upload(sandbox, "helpers.py", ModelType.DMO, source, runtime);
        ExecutionRequest request = ExecutionRequest.of(model.id()).withConfig(config);
        if (data.containsKey("dataSourceId")) {
            request = request.withDataSourceId((String) data.get("dataSourceId"));
        }
        if (data.containsKey("dataSources")) {
            request = request.withDataSources((Map<String, String>) data.get("dataSources"));
        }
        return sandbox.jobs().execute(request).await(Duration.ofMinutes(2));
    }
}
