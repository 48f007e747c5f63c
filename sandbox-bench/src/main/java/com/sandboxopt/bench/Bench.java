package com.sandboxopt.bench;

import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./sandbox bench [--quick]}: runs every section in one JVM, prints the table and writes
 * {@code docs/benchmarks.csv} and {@code docs/BENCHMARKS.md}. Run it from the project folder.
 * {@code --pulp-only}, {@code --cpython-only}, {@code --data-only}, {@code --nodes-only} and {@code --logs-only}
 * run one section alone, in a block of its own (the CPython, data, nodes and logs sections' tables have columns of
 * their own and write no CSV rows).
 */
public final class Bench {
    private static final String TRIVIAL_MODEL = "print('hello')\n";
    private static final List<String> KERNELS = List.of("nbody", "spectral_norm", "knapsack_bnb", "dense_simplex");
    private static final int WARM_UP_JOBS = 10;
    /** --fixed-imports: what every context imported ahead before pre-imports were learned. */
    private static final List<String> COMMON_MODULES = List.of("collections", "datetime", "functools", "heapq",
            "itertools", "json", "logging", "math", "random", "re", "time");

    private final boolean quick;
    private final String imports;
    private final int compilerThreads;
    private final Path workDirectory;
    private final OurRunner ours;
    private final CPythonRunner cpython = new CPythonRunner();
    private final String trivialModel;
    private final Path trivialScript;
    private final Path timedRunScript;
    private OurRunner pulpRunner;
    private OurRunner cpythonRunner;
    private OurRunner dataRunner;

    private Bench(boolean quick, String imports, int compilerThreads, Path workDirectory) {
        this.quick = quick;
        this.imports = imports;
        this.compilerThreads = compilerThreads;
        this.workDirectory = workDirectory;
        this.ours = switch (imports) {
            case "lean" -> new OurRunner(workDirectory.resolve("data"), 2, List.of(), false, compilerThreads);
            case "fixed-imports" -> new OurRunner(workDirectory.resolve("data"), 2, COMMON_MODULES, false, compilerThreads);
            default -> new OurRunner(workDirectory.resolve("data"), 2, List.of(), true, compilerThreads);
        };
        this.trivialModel = ours.upload("trivial.py", TRIVIAL_MODEL);
        this.trivialScript = writeScript("trivial.py", TRIVIAL_MODEL);
        this.timedRunScript = writeScript("timed_run.py", resource("timed_run.py"));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> flags = List.of(args);
        boolean quick = flags.contains("--quick");
        // --pulp-only: just the PuLP section, in a block of its own (quick-pulp, full-pulp)
        boolean pulpOnly = flags.contains("--pulp-only");
        // --cpython-only: just the CPython section (the cpython runtime against bare python3 and graalpy), block "cpython"
        boolean cpythonOnly = flags.contains("--cpython-only");
        // --data-only: just the data section (data sources under data/, their upload, artifacts; both runtimes), block "data"
        boolean dataOnly = flags.contains("--data-only");
        // --nodes-only: just the nodes section (H2 against one and two nodes sharing a PostgreSQL queue), block "nodes"
        boolean nodesOnly = flags.contains("--nodes-only");
        // --logs-only: just the log section (100,000 printed lines through the server to a WebSocket client on both
        // runtimes, against python3 into a pipe; a small model's first line), block "logs"
        boolean logsOnly = flags.contains("--logs-only");
        String imports = flags.contains("--lean") ? "lean" : flags.contains("--fixed-imports") ? "fixed-imports" : "";
        // --two-compiler-threads: against the default (Truffle's choice, one on 2 cores)
        boolean twoCompilerThreads = flags.contains("--two-compiler-threads");
        int compilerThreads = twoCompilerThreads ? 2 : SandboxBuilder.DEFAULT_COMPILER_THREADS;
        String loadAtStart = Machine.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // --first-click-only: a fresh server as a new user meets it, block "first-click"; it also opens every full
        // run, before this JVM builds a sandbox of its own (which would compete with the server it measures)
        boolean firstClickOnly = flags.contains("--first-click-only");
        if (firstClickOnly || !(pulpOnly || cpythonOnly || dataOnly || nodesOnly || logsOnly)) {
            runFirstClick(flags, startedAt, loadAtStart);
            if (firstClickOnly) {
                return;
            }
        }
        Bench bench = new Bench(quick, imports, compilerThreads, Files.createTempDirectory("sandbox-bench"));
        RuntimeInfo runtime = bench.ours.sandbox().runtime();
        String runtimeMode = runtime.optimizing() ? "JIT (Graal compiler via JVMCI)"
                : "INTERPRETED: started without the Graal JIT (needs JDK 25 with JVMCI, the jars in sandbox-bench/target/jit"
                        + " and SANDBOX_JIT not off), compute numbers are not representative";
        String mode = (quick ? "quick" : "full") + (imports.isEmpty() ? "" : "-" + imports)
                + (twoCompilerThreads ? "-two-compiler-threads" : "")
                + (runtime.optimizing() ? "" : "-interpreted") + (pulpOnly ? "-pulp" : "");
        if (cpythonOnly) { // its own sizes, whatever --quick says
            mode = "cpython" + (imports.isEmpty() ? "" : "-" + imports) + (twoCompilerThreads ? "-two-compiler-threads" : "")
                    + (runtime.optimizing() ? "" : "-interpreted");
        }
        if (dataOnly) { // its own sizes, whatever --quick says
            mode = "data" + (imports.isEmpty() ? "" : "-" + imports) + (twoCompilerThreads ? "-two-compiler-threads" : "")
                    + (runtime.optimizing() ? "" : "-interpreted");
        }
        if (nodesOnly) {
            mode = "nodes" + (runtime.optimizing() ? "" : "-interpreted");
        }
        if (logsOnly) {
            mode = "logs" + (runtime.optimizing() ? "" : "-interpreted");
        }
        System.err.println("sandbox bench (" + mode + "): " + runtime.implementation() + ", " + runtimeMode);

        if (cpythonOnly) {
            System.err.println("cpython...");
            Table table = new Table(CPythonSection.HEADER);
            CPythonSection.run(bench, table);
            finishCPython(bench, flags, mode, startedAt, loadAtStart, runtime, runtimeMode, compilerThreads, table);
            return;
        }
        if (dataOnly) {
            System.err.println("data...");
            Table table = new Table(DataSection.HEADER);
            DataSection.run(bench, table);
            finishData(bench, flags, mode, startedAt, loadAtStart, runtime, runtimeMode, compilerThreads, table);
            return;
        }
        if (nodesOnly) {
            System.err.println("nodes...");
            Table table = new Table(NodesSection.HEADER);
            NodesSection.run(bench, table);
            finishNodes(bench, flags, mode, startedAt, loadAtStart, runtime, runtimeMode, table);
            return;
        }
        if (logsOnly) {
            System.err.println("logs...");
            Table table = new Table(LogRateSection.HEADER);
            LogRateSection.run(bench, table);
            finishLogs(bench, flags, mode, startedAt, loadAtStart, runtime, runtimeMode, table);
            return;
        }
        Table table = new Table();
        if (pulpOnly) {
            System.err.println("pulp...");
            PulpSection.run(bench, table);
            finish(bench, quick, imports, twoCompilerThreads, mode, startedAt, loadAtStart, runtime, runtimeMode, compilerThreads, table);
            return;
        }
        for (int i = 0; i < WARM_UP_JOBS; i++) {
            checked(bench.ours.run(bench.trivialModel, Map.of()));
            checked(bench.cpython.run(bench.trivialScript));
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
        finish(bench, quick, imports, twoCompilerThreads, mode, startedAt, loadAtStart, runtime, runtimeMode, compilerThreads, table);
    }

    private static void finish(Bench bench, boolean quick, String imports, boolean twoCompilerThreads, String mode,
                               Instant startedAt, String loadAtStart, RuntimeInfo runtime, String runtimeMode,
                               int compilerThreads, Table table) throws IOException {
        String facts = String.join("\n",
                "- command: `" + ("off".equals(System.getenv("SANDBOX_JIT")) ? "SANDBOX_JIT=off " : "") + "./sandbox bench" + (quick ? " --quick" : "") + (imports.isEmpty() ? "" : " --" + imports)
                        + (twoCompilerThreads ? " --two-compiler-threads" : "") + (mode.endsWith("-pulp") ? " --pulp-only" : "") + "` ("
                        + mode + " mode), started " + startedAt,
                "- machine: " + Machine.cores() + " cores (nproc), load average " + loadAtStart + " at start, "
                        + Machine.loadAverage() + " at end (1/5/15 min, whole machine: the bench's own threads and CPython children count, and anything else running)",
                "- JDK: " + Machine.jdk() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB",
                "- ours: " + runtime.implementation() + ", Python " + runtime.pythonVersion() + ", " + runtimeMode
                        + (runtime.optimizing() ? ", " + (compilerThreads == 0 ? "Truffle's choice of compiler threads"
                                : compilerThreads + " compiler thread" + (compilerThreads > 1 ? "s" : "")) : "")
                        + "; pool 2, in-memory H2, " + WARM_UP_JOBS + " warm-up jobs, pre-imports: " + switch (imports) {
                            case "lean" -> "none, nothing learned (--lean)";
                            case "fixed-imports" -> String.join(" ", COMMON_MODULES)
                                    + " in every context, nothing learned (--fixed-imports)";
                            default -> "learned from the models run and uploaded (the default)";
                        },
                "- CPython: " + CPythonRunner.version() + ", one `python3 model.py` subprocess per job; PuLP section: "
                        + DebianPython.EXECUTABLE + " with Debian's PuLP and CBC's own program",
                "- PuLP section, ours: Debian's PuLP as a package folder, OR-Tools " + com.sandboxopt.solver.ortools.OrToolsSolver.ORTOOLS_VERSION
                        + " in a worker process, pool 2, pulp imported ahead (learned)",
                "");
        System.out.println();
        System.out.println(facts);
        System.out.println(table.text());
        Report.write(Path.of("docs"), mode, facts, table);
        bench.closeAndExit();
    }

    /** The CPython section's facts and table: its block in docs/BENCHMARKS.md (no CSV rows: its columns differ). */
    private static void finishCPython(Bench bench, List<String> flags, String mode, Instant startedAt, String loadAtStart,
                                      RuntimeInfo runtime, String runtimeMode, int compilerThreads, Table table) throws IOException {
        com.sandboxopt.core.RuntimeStatus cpython = CPythonSection.status(bench);
        String facts = String.join("\n",
                runFacts(flags, mode, startedAt, loadAtStart, "the bench's own threads and children count, and anything else running"),
                "- cpython runtime: " + (cpython == null ? "not configured" : cpython.available() ? cpython.version()
                        : "unavailable: " + cpython.reason()) + "; " + bubblewrapVersion()
                        + "; one interpreter per job, up to 4 started ahead by spawner threads of the runtime; its own sandbox: pool 2, in-memory H2,"
                        + " pre-imports learned from the models uploaded (the default)",
                "- bare python3: " + CPythonRunner.version(CPythonSection.BARE_PYTHON.toString())
                        + ", `python3 script.py` started from this JVM per run (ProcessBuilder), stdout and stderr merged and read line by line;"
                        + " once through `setsid -w` (a session of its own, as the sandbox's interpreters get from `bwrap --new-session`:"
                        + " the targets' baseline) and once as a plain child in the JVM's session (as the other sections run CPython);"
                        + " kernel.sched_autogroup_enabled = " + autogroup() + " (1: CPU time is shared between sessions first)",
                "- graalpy runtime: " + runtime.implementation() + ", Python " + runtime.pythonVersion() + ", " + runtimeMode
                        + (runtime.optimizing() ? ", " + (compilerThreads == 0 ? "Truffle's choice of compiler threads"
                                : compilerThreads + " compiler thread" + (compilerThreads > 1 ? "s" : "")) : "")
                        + "; the bench's main sandbox: pool 2, in-memory H2, pre-imports learned",
                "- times are from this JVM: submit (bare: process start) to the listener's first onLog (bare: first line read)"
                        + " and to onCompleted (bare: exit); the two sandboxes are idle while the other side runs",
                "");
        publishBlock(bench, mode, facts, table);
    }

    /** The data section's facts and table: its block in docs/BENCHMARKS.md (no CSV rows: its columns differ). */
    private static void finishData(Bench bench, List<String> flags, String mode, Instant startedAt, String loadAtStart,
                                   RuntimeInfo runtime, String runtimeMode, int compilerThreads, Table table) throws IOException {
        com.sandboxopt.core.RuntimeStatus cpython = DataSection.status(bench);
        java.nio.file.FileStore disk = Files.getFileStore(bench.dataSectionDirectory());
        String facts = String.join("\n",
                runFacts(flags, mode, startedAt, loadAtStart, "the bench's own threads and children count, and anything else running"),
                "- the section's own sandbox: a fresh data directory in " + bench.workDirectory().getParent() + " (" + disk.type()
                        + " on " + disk.name() + "), pool 2, in-memory H2, pre-imports learned; data source files stored once by"
                        + " SHA-256 under `<dataDirectory>/files`, each job's `data/` made of hard links to them (the cpython runtime"
                        + " binds that folder read-only at `/job/data`); what a job leaves under `output/` is copied into the same store"
                        + " when it ends",
                "- graalpy runtime: " + runtime.implementation() + ", Python " + runtime.pythonVersion() + ", " + runtimeMode
                        + (runtime.optimizing() ? ", " + (compilerThreads == 0 ? "Truffle's choice of compiler threads"
                                : compilerThreads + " compiler thread" + (compilerThreads > 1 ? "s" : "")) : ""),
                "- cpython runtime: " + (cpython == null ? "not configured" : cpython.available() ? cpython.version()
                        : "unavailable: " + cpython.reason()) + "; " + bubblewrapVersion(),
                "- job times are each job's own start to end (Job.duration: placing its data and keeping its output are"
                        + " inside it; the wait for a prepared context before it starts is not), one job at a time (back to"
                        + " back), the cases of each part"
                        + " interleaved (order rotated each round); the copy baseline is Files.copy in this JVM from the file store"
                        + " into a fresh folder per job (deleted afterwards, untimed); p90 of 10 runs is the second slowest",
                "");
        publishBlock(bench, mode, facts, table);
    }

    /** The nodes section's facts and table: its block in docs/BENCHMARKS.md (no CSV rows: its columns differ). */
    private static void finishNodes(Bench bench, List<String> flags, String mode, Instant startedAt, String loadAtStart,
                                    RuntimeInfo runtime, String runtimeMode, Table table) throws IOException {
        String facts = String.join("\n",
                runFacts(flags, mode, startedAt, loadAtStart, "PostgreSQL's processes count too"),
                "- ours: " + runtime.implementation() + ", Python " + runtime.pythonVersion() + ", " + runtimeMode
                        + "; each node a Sandbox of its own in this JVM (pool " + NodesSection.POOL + ", learned imports),"
                        + " the model `print('hello')`, " + NodesSection.WARM_UP_JOBS + " warm-up jobs per set-up",
                "- baseline: one node on an H2 file (`WRITE_DELAY=0`), as `./sandbox serve` runs by default; PostgreSQL: "
                        + "a throwaway server of Debian's package on loopback (`fsync=off`, as the tests start it), one "
                        + "database per set-up; the two nodes share the JVM and the machine's cores",
                "- first line: submit to the submitting node's listener hearing seq 1 (from the other node through the"
                        + " database when that one ran it), jobs sent to the nodes in turn, " + NodesSection.PAUSE_MS
                        + " ms apart (so that a prepared context waits for each, as between a user's clicks); throughput: "
                        + NodesSection.BURST_JOBS + " jobs submitted at once, in turn, until every handle completed; the three"
                        + " set-ups are up side by side in this JVM and take turns job by job (burst by burst), the order"
                        + " rotated each round",
                "");
        publishBlock(bench, mode, facts, table);
    }

    /** The log section's facts and table: its block in docs/BENCHMARKS.md (no CSV rows: its columns differ). */
    private static void finishLogs(Bench bench, List<String> flags, String mode, Instant startedAt, String loadAtStart,
                                   RuntimeInfo runtime, String runtimeMode, Table table) throws IOException {
        String facts = String.join("\n",
                runFacts(flags, mode, startedAt, loadAtStart, "the bench's own threads and children count, and anything else running"),
                LogRateSection.facts(runtime, runtimeMode, bubblewrapVersion()),
                "");
        publishBlock(bench, mode, facts, table);
    }

    /** Prints a section-only run's facts and table, writes its block in docs/BENCHMARKS.md, and ends the run. */
    private static void publishBlock(Bench bench, String mode, String facts, Table table) throws IOException {
        System.out.println();
        System.out.println(facts);
        System.out.println(table.text());
        Report.writeMarkdown(Path.of("docs"), mode, facts, table);
        bench.closeAndExit();
    }

    /** The command, machine and JDK lines every section-only block starts with. */
    private static void runFirstClick(List<String> flags, Instant startedAt, String loadAtStart) throws IOException {
        System.err.println("first click...");
        Table table = new Table(FirstClickSection.HEADER);
        FirstClickSection.run(Files.createTempDirectory("sandbox-bench-first-click"), table);
        String facts = String.join("\n",
                runFacts(flags, "first-click", startedAt, loadAtStart, "the servers' own threads and children count"),
                "- ours: `./sandbox serve --port P --data-dir <new folder>` started by this JVM as a process of its own, "
                        + FirstClickSection.ROUNDS + " rounds, each a fresh server on a fresh data directory (the JDK and JIT "
                        + "flags the script picks); times from this JVM over HTTP on loopback: until `GET /models` answers 200, "
                        + "the upload (multipart, as the page sends it), execute until `GET /jobs/{id}` no longer says queued "
                        + "or running (polled every 5 ms); CPU: user + system of the server and every process it started "
                        + "(living ones, and the reaped ones through their parents), read at 60 s after the start; one more "
                        + "round with `--sandbox.runtime=graalpy` (every upload on GraalPy, as before CPython became the default)",
                "- `./sandbox run`: the whole command timed by GNU time (wall, user + system of everything it started), "
                        + "on a new data directory, after each round's server has stopped",
                "- python3: " + CPythonRunner.version(DebianPython.EXECUTABLE.toString()) + ", `python3 <model file>` timed "
                        + "by GNU time, best of 3, in a folder of its own; the PuLP sample runs Debian's PuLP 2.6 with CBC's "
                        + "own program (/usr/bin/cbc)",
                "");
        System.out.println();
        System.out.println(facts);
        System.out.println(table.text());
        Report.writeMarkdown(Path.of("docs"), "first-click", facts, table);
    }

    private static String runFacts(List<String> flags, String mode, Instant startedAt, String loadAtStart, String whatCounts) {
        String command = ("off".equals(System.getenv("SANDBOX_JIT")) ? "SANDBOX_JIT=off " : "") + "./sandbox bench "
                + String.join(" ", flags);
        return String.join("\n",
                "- command: `" + command + "` (" + mode + " mode), started " + startedAt,
                "- machine: " + Machine.cores() + " cores (nproc), load average " + loadAtStart + " at start, "
                        + Machine.loadAverage() + " at end (1/5/15 min, whole machine: " + whatCounts + ")",
                "- JDK: " + Machine.jdk() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }

    private static String autogroup() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String bubblewrapVersion() {
        try {
            Process process = new ProcessBuilder("bwrap", "--version").redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? said : "bwrap --version failed";
        } catch (IOException e) {
            return "bwrap not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bwrap";
        }
    }

    private void closeAndExit() throws IOException {
        ours.close();
        if (pulpRunner != null) {
            pulpRunner.close();
        }
        if (cpythonRunner != null) {
            cpythonRunner.close();
        }
        if (dataRunner != null) {
            dataRunner.close();
        }
        cpython.close();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.exit(0);
    }

    boolean quick() {
        return quick;
    }

    OurRunner ours() {
        return ours;
    }

    /** A second sandbox, with Debian's PuLP and the OR-Tools solver, made when the PuLP section first needs it. */
    OurRunner pulpRunner() {
        if (pulpRunner == null) {
            pulpRunner = new OurRunner(Sandbox.builder().dataDirectory(workDirectory.resolve("pulp-data")).inMemoryDatabase()
                    .poolSize(2).compilerThreads(compilerThreads).packages(Path.of("/usr/lib/python3/dist-packages/pulp"))
                    .solver(com.sandboxopt.solver.ortools.OrToolsSolver.create()));
        }
        return pulpRunner;
    }

    /**
     * A sandbox of its own for the CPython section's cpython jobs (pool 2, learned imports), made when first
     * needed, so that its job threads' interpreters and the main sandbox's GraalPy contexts are prepared apart.
     */
    OurRunner cpythonRunner() {
        if (cpythonRunner == null) {
            cpythonRunner = new OurRunner(Sandbox.builder().dataDirectory(workDirectory.resolve("cpython-data")).inMemoryDatabase()
                    .poolSize(2).maxQueueLength(10_000).compilerThreads(compilerThreads));
        }
        return cpythonRunner;
    }

    /** The data section's sandbox (pool 2, learned imports, a data directory of its own), made when first needed. */
    OurRunner dataRunner() {
        if (dataRunner == null) {
            dataRunner = new OurRunner(Sandbox.builder().dataDirectory(dataSectionDirectory()).inMemoryDatabase()
                    .poolSize(2).maxQueueLength(10_000).compilerThreads(compilerThreads));
        }
        return dataRunner;
    }

    Path dataSectionDirectory() {
        return workDirectory.resolve("data-section");
    }

    Path workDirectory() {
        return workDirectory;
    }

    CPythonRunner cpython() {
        return cpython;
    }

    int compilerThreads() {
        return compilerThreads;
    }

    String trivialModel() {
        return trivialModel;
    }

    Path trivialScript() {
        return trivialScript;
    }

    Path timedRunScript() {
        return timedRunScript;
    }

    /** The three sample models at benchmark sizes (see their docstrings) and the classic kernels. */
    private List<ComputeSection.Case> computeCases() throws IOException {
        List<ComputeSection.Case> cases = new ArrayList<>();
        cases.add(sample("sample_dmo_model", Map.of("blocks", 30), "{\"blocks\": 30}"));
        cases.add(sample("sample_rmo_model", Map.of("intervals", 288), "{\"intervals\": 288}"));
        cases.add(sample("sample_so_model", Map.of("generators", 8), "{\"generators\": 8}"));
        for (String kernel : KERNELS) {
            String source = resource("kernels/" + kernel + ".py");
            cases.add(new ComputeSection.Case(kernel, source, Map.of(), writeScript(kernel + ".py", source), "{}"));
        }
        return cases;
    }

    private static ComputeSection.Case sample(String name, Map<String, Object> config, String json) throws IOException {
        Path file = Path.of("models", name + ".py").toAbsolutePath();
        return new ComputeSection.Case(name, Files.readString(file), config, file, json);
    }

    Path writeScript(String fileName, String source) {
        try {
            return Files.writeString(workDirectory.resolve(fileName), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Bench.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run checked(Run run) {
        if (!run.ok()) {
            throw new IllegalStateException("benchmark job failed (" + (run.jobId() != null ? run.jobId() : "python3") + "): " + run.error());
        }
        return run;
    }
}
