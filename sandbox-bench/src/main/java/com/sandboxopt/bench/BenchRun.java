package com.sandboxopt.bench;

import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.RuntimeStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of {@code ./sandbox bench}: the first click when it is due, then the sections the options choose on one
 * {@link Bench}, then the facts and the table printed and written into the run's block of {@code docs/BENCHMARKS.md}.
 * A full or quick run also rewrites its rows in {@code docs/benchmarks.csv}; a section-only run does not, as its
 * table has columns of its own.
 */
final class BenchRun {
    static final int WARM_UP_JOBS = 10;
    private static final String OWN_THREADS_AND_CHILDREN = "the bench's own threads and children count, and anything else running";

    private final BenchOptions options;
    private final RunFacts runFacts;
    private final Bench bench;
    private final RuntimeInfo runtime;
    private final String runtimeMode;
    private final String mode;

    private BenchRun(BenchOptions options, RunFacts runFacts, Bench bench) {
        this.options = options;
        this.runFacts = runFacts;
        this.bench = bench;
        this.runtime = bench.ours().sandbox().runtime();
        this.runtimeMode = RunFacts.runtimeMode(runtime);
        this.mode = options.mode(runtime.optimizing());
    }

    static void run(BenchOptions options) throws Exception {
        RunFacts runFacts = new RunFacts(options);
        if (options.runsFirstClick()) {
            firstClick(runFacts);
            if (options.firstClickOnly()) {
                return;
            }
        }
        Bench bench = new Bench(options.quick(), options.imports(), options.compilerThreads(),
                Files.createTempDirectory("sandbox-bench"));
        new BenchRun(options, runFacts, bench).sections();
    }

    /** A fresh server as a new user meets it, timed before this JVM builds a sandbox of its own; block "first-click". */
    private static void firstClick(RunFacts runFacts) throws IOException {
        System.err.println("first click...");
        Table table = new Table(FirstClickSection.HEADER);
        FirstClickSection.run(Files.createTempDirectory("sandbox-bench-first-click"), table);
        String facts = String.join("\n",
                runFacts.sectionOnly("first-click", "the servers' own threads and children count"),
                FirstClickSection.facts(),
                "");
        print(facts, table);
        Report.writeMarkdown(Path.of("docs"), "first-click", facts, table);
    }

    private void sections() throws Exception {
        System.err.println("sandbox bench (" + mode + "): " + runtime.implementation() + ", " + runtimeMode);
        if (options.cpythonOnly()) {
            System.err.println("cpython...");
            Table table = new Table(CPythonSection.HEADER);
            CPythonSection.run(bench, table);
            RuntimeStatus cpython = CPythonSection.status(bench);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    CPythonSection.facts(cpython, graalpyRuntime()), ""), table);
            return;
        }
        if (options.dataOnly()) {
            System.err.println("data...");
            Table table = new Table(DataSection.HEADER);
            DataSection.run(bench, table);
            RuntimeStatus cpython = DataSection.status(bench);
            FileStore disk = Files.getFileStore(bench.dataSectionDirectory());
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    DataSection.facts(bench, disk, cpython, graalpyRuntime()), ""), table);
            return;
        }
        if (options.nodesOnly()) {
            System.err.println("nodes...");
            Table table = new Table(NodesSection.HEADER);
            NodesSection.run(bench, table);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, "PostgreSQL's processes count too"),
                    NodesSection.facts(runtime, runtimeMode), ""), table);
            return;
        }
        if (options.streamOnly()) {
            System.err.println("stream...");
            Table table = new Table(EventStreamSection.HEADER);
            EventStreamSection.run(bench, table);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    EventStreamSection.facts(), ""), table);
            return;
        }
        if (options.experimentsOnly()) {
            System.err.println("experiments...");
            Table table = new Table(ExperimentsSection.HEADER);
            ExperimentsSection.run(bench, table);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    ExperimentsSection.facts(), ""), table);
            return;
        }
        if (options.securityOnly()) {
            System.err.println("security...");
            Table table = new Table(SecuritySection.HEADER);
            SecuritySection.run(bench, table);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    SecuritySection.facts(), ""), table);
            return;
        }
        if (options.schedulesOnly()) {
            System.err.println("schedules...");
            Table table = new Table(SchedulesSection.HEADER);
            SchedulesSection.run(bench, table);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    SchedulesSection.facts(), ""), table);
            return;
        }
        if (options.logsOnly()) {
            System.err.println("logs...");
            Table table = new Table(LogRateSection.HEADER);
            LogRateSection.run(bench, table);
            publishBlock(String.join("\n", runFacts.sectionOnly(mode, OWN_THREADS_AND_CHILDREN),
                    LogRateSection.facts(runtime, runtimeMode, RunFacts.bubblewrapVersion()), ""), table);
            return;
        }
        Table table = new Table();
        if (options.pulpOnly()) {
            System.err.println("pulp...");
            PulpSection.run(bench, table);
            publishFullRun(table);
            return;
        }
        for (int i = 0; i < WARM_UP_JOBS; i++) {
            Bench.checked(bench.ours().run(bench.trivialModel(), Map.of()));
            Bench.checked(bench.cpython().run(bench.trivialScript()));
        }
        double afterStartMb = Machine.heapUsedMbAtRest(MemorySection.MAX_WAIT_FOR_REST_MS).mb();
        System.err.println("latency...");
        LatencySection.run(bench, table);
        System.err.println("throughput...");
        ThroughputSection.run(bench, table);
        System.err.println("compute...");
        ComputeSection.run(bench, table, bench.computeCases());
        System.err.println("memory...");
        MemorySection.run(bench, table, afterStartMb);
        System.err.println("logs...");
        LogSection.run(bench, table);
        System.err.println("pulp...");
        PulpSection.run(bench, table);
        publishFullRun(table);
    }

    /** A full or quick run's facts and table: its block in docs/BENCHMARKS.md and its rows in docs/benchmarks.csv. */
    private void publishFullRun(Table table) throws IOException {
        String facts = String.join("\n",
                runFacts.fullRun(mode),
                "- ours: " + graalpyRuntime() + "; pool 2, in-memory H2, " + WARM_UP_JOBS + " warm-up jobs, pre-imports: "
                        + switch (options.imports()) {
                            case "lean" -> "none, nothing learned (--lean)";
                            case "fixed-imports" -> String.join(" ", BenchOptions.COMMON_MODULES)
                                    + " in every context, nothing learned (--fixed-imports)";
                            default -> "learned from the models run and uploaded (the default)";
                        },
                "- CPython: " + CPythonRunner.version() + ", one `python3 model.py` subprocess per job; PuLP section: "
                        + DebianPython.EXECUTABLE + " with Debian's PuLP and CBC's own program",
                "- PuLP section, ours: Debian's PuLP as a package folder, OR-Tools " + com.sandboxopt.solver.ortools.OrToolsSolver.ORTOOLS_VERSION
                        + " in a worker process, pool 2, pulp imported ahead (learned)",
                "");
        print(facts, table);
        Report.write(Path.of("docs"), mode, facts, table);
        bench.closeAndExit();
    }

    /** Prints a section-only run's facts and table, writes its block in docs/BENCHMARKS.md, and ends the run. */
    private void publishBlock(String facts, Table table) throws IOException {
        print(facts, table);
        Report.writeMarkdown(Path.of("docs"), mode, facts, table);
        bench.closeAndExit();
    }

    private static void print(String facts, Table table) {
        System.out.println();
        System.out.println(facts);
        System.out.println(table.text());
    }

    private String graalpyRuntime() {
        return RunFacts.graalpyRuntime(runtime, runtimeMode, options.compilerThreads());
    }
}
