package com.sandboxopt.bench;

import com.sandboxopt.bench.CPythonSides.Models;
import com.sandboxopt.bench.CPythonSides.Runs;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ./sandbox bench --cpython-only}: the {@code cpython} runtime (Debian's python3 in bubblewrap,
 * an interpreter started ahead while its job thread waits) against a bare {@code /usr/bin/python3}
 * subprocess started from this same busy JVM (what the runtime costs on top of the interpreter) and
 * against the {@code graalpy} runtime (the other way to run a model here). Four parts: latency and
 * throughput of a trivial {@code print} model, pure-Python kernels' compute time, and the start of a
 * model that imports numpy and pandas (which the prepared interpreters import ahead once they have seen it).
 *
 * <p>The bare baseline runs twice. Through {@code setsid} it gets a session of its own, as python3 typed
 * in a terminal has, and as the sandbox's interpreters have ({@code bwrap --new-session}): with the
 * kernel's autogroup scheduling (sched_autogroup_enabled=1, Debian's default) CPU time is shared
 * between sessions first, so a child left in the JVM's session competes with the JVM's own threads
 * (JIT compilers, job threads) for that session's share. That second run, a plain child as
 * {@link CPythonRunner} starts for the other sections, shows how much that costs; the targets are
 * measured against the first.
 *
 * <p>This class says what each part measures and makes its rows; {@link CPythonSides} runs a model on
 * each side and reads the times.
 */
final class CPythonSection {
    static final List<String> HEADER = List.of("section", "metric", "cpython runtime", "bare python3 (own session)",
            "bare python3 (JVM's session)", "graalpy runtime", "cpython runtime vs bare python3 (own session)", "target", "met");
    static final Path BARE_PYTHON = DebianPython.EXECUTABLE;
    static final Path SETSID = Path.of("/usr/bin/setsid");
    static final int WARM_UP_JOBS = 5;
    static final int LATENCY_RUNS = 30;
    static final int THROUGHPUT_JOBS = 40;
    static final int COMPUTE_RUNS = 5;
    static final int NUMPY_RUNS = 10; // after the first
    /**
     * Pause before each timed run of the latency and numpy parts: the machine settles (the job thread
     * that ran the last sandbox job starts its next interpreter meanwhile), so no run shares the CPU with
     * another's background work. Back-to-back jobs, that work included, are what throughput measures.
     */
    static final long IDLE_MS = 400;
    static final long NUMPY_IDLE_MS = 1500;

    private CPythonSection() {
    }

    /** The cpython runtime's status in the sandbox the section runs on, or null when it has none. */
    static RuntimeStatus status(Bench bench) {
        return bench.cpythonRunner().sandbox().runtimes().stream().filter(s -> s.kind() == RuntimeKind.CPYTHON)
                .findFirst().orElse(null);
    }

    static void run(Bench bench, Table table) throws IOException {
        RuntimeStatus status = status(bench);
        if (status == null || !status.available()) {
            table.add(row("cpython", "skipped: the cpython runtime is not available here: "
                    + (status == null ? "not configured" : status.reason()), "", "", "", "", "", "", ""));
            return;
        }
        if (!Files.isExecutable(BARE_PYTHON) || !Files.isExecutable(SETSID)) {
            table.add(row("cpython", "skipped: needs " + BARE_PYTHON + " and " + SETSID + " to compare with", "", "", "", "", "", "", ""));
            return;
        }
        OurRunner cpython = bench.cpythonRunner();
        OurRunner graalpy = bench.ours();
        try (CPythonRunner own = new CPythonRunner(List.of(SETSID.toString(), "-w", BARE_PYTHON.toString()));
             CPythonRunner shared = new CPythonRunner(List.of(BARE_PYTHON.toString()))) {
            CPythonSides sides = new CPythonSides(cpython, graalpy, own, shared);
            String trivialSource = Files.readString(bench.trivialScript());
            Models trivial = new Models(bench.trivialScript(), cpython.upload("trivial.py", trivialSource, RuntimeKind.CPYTHON),
                    graalpy.upload("trivial.py", trivialSource, RuntimeKind.GRAALPY));
            for (int i = 0; i < WARM_UP_JOBS; i++) {
                sides.runAll(trivial, "", Map.of(), 0, new Runs(), i);
            }
            System.err.println("cpython: latency...");
            latency(table, sides, trivial);
            System.err.println("cpython: throughput...");
            throughput(table, sides, trivial);
            System.err.println("cpython: compute...");
            compute(bench, table, sides, "kernels/nbody.py", "{\"steps\": 250000}", Map.of("steps", 250000));
            compute(bench, table, sides, "cpython/lp_build.py", "{\"rounds\": 30}", Map.of("rounds", 30));
            System.err.println("cpython: numpy and pandas start...");
            numpyStart(bench, table, sides);
        }
    }

    /**
     * The lines of the block's facts that say how this section measures (after the command, machine and JDK).
     *
     * @param cpython        the cpython runtime's status in the section's sandbox (null: not configured)
     * @param graalpyRuntime the graalpy runtime as the bench's main sandbox runs it
     */
    static String facts(RuntimeStatus cpython, String graalpyRuntime) {
        return String.join("\n",
                "- cpython runtime: " + RunFacts.cpythonRuntime(cpython)
                        + "; one interpreter per job, up to 4 started ahead by spawner threads of the runtime; its own sandbox: pool 2, in-memory H2,"
                        + " pre-imports learned from the models uploaded (the default)",
                "- bare python3: " + CPythonRunner.version(BARE_PYTHON.toString())
                        + ", `python3 script.py` started from this JVM per run (ProcessBuilder), stdout and stderr merged and read line by line;"
                        + " once through `setsid -w` (a session of its own, as the sandbox's interpreters get from `bwrap --new-session`:"
                        + " the targets' baseline) and once as a plain child in the JVM's session (as the other sections run CPython);"
                        + " kernel.sched_autogroup_enabled = " + RunFacts.autogroup() + " (1: CPU time is shared between sessions first)",
                "- graalpy runtime: " + graalpyRuntime + "; the bench's main sandbox: pool 2, in-memory H2, pre-imports learned",
                "- times are from this JVM: submit (bare: process start) to the listener's first onLog (bare: first line read)"
                        + " and to onCompleted (bare: exit); the two sandboxes are idle while the other side runs");
    }

    private static void latency(Table table, CPythonSides sides, Models trivial) {
        Runs runs = new Runs();
        for (int i = 0; i < LATENCY_RUNS; i++) { // interleaved, so every side sees the same background load
            sides.runAll(trivial, "", Map.of(), IDLE_MS, runs, i);
        }
        String section = "latency: print('hello'), " + LATENCY_RUNS + " runs, " + IDLE_MS + " ms idle before each";
        for (int p : new int[] {50, 90}) {
            double c = percentile(runs.cpython(), Run::firstLineMs, p);
            double b = percentile(runs.own(), Run::firstLineMs, p);
            boolean targeted = p == 50;
            table.add(row(section, "submit to first log line p" + p + " (ms; bare: start to first line read)", ms(c), ms(b),
                    ms(percentile(runs.shared(), Run::firstLineMs, p)), ms(percentile(runs.graalpy(), Run::firstLineMs, p)),
                    difference(c, b), targeted ? "no later than bare python3's" : "", targeted ? Table.met(c <= b) : ""));
        }
        for (int p : new int[] {50, 90}) {
            double c = percentile(runs.cpython(), Run::doneMs, p);
            double b = percentile(runs.own(), Run::doneMs, p);
            table.add(row(section, "submit to job end p" + p + " (ms; bare: start to exit)", ms(c), ms(b),
                    ms(percentile(runs.shared(), Run::doneMs, p)), ms(percentile(runs.graalpy(), Run::doneMs, p)),
                    difference(c, b), "", ""));
        }
        double c = percentile(runs.cpython(), Run::doneMs, 50);
        double b = percentile(runs.own(), Run::doneMs, 50);
        table.add(row(section, "overhead per job: job end p50 minus bare python3's, own session (ms)", ms(c - b), "0",
                ms(percentile(runs.shared(), Run::doneMs, 50) - b), ms(percentile(runs.graalpy(), Run::doneMs, 50) - b), "",
                "< 20 ms", Table.met(c - b < 20)));
    }

    /** Two rounds, the second in reverse order; each side's better round (rate, and that round's CPU per job). */
    private static void throughput(Table table, CPythonSides sides, Models trivial) {
        List<Supplier<CompletableFuture<Run>>> starts = List.of(
                () -> sides.own().start(trivial.script()),
                () -> sides.cpython().start(trivial.cpythonId(), Map.of(), null),
                () -> sides.shared().start(trivial.script()),
                () -> sides.graalpy().start(trivial.graalpyId(), Map.of(), null));
        double[][] better = new double[starts.size()][];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < starts.size(); k++) {
                int side = round == 0 ? k : starts.size() - 1 - k;
                Machine.sleep(IDLE_MS);
                double[] measured = CPythonSides.jobsPerSecond(THROUGHPUT_JOBS, starts.get(side));
                if (better[side] == null || measured[0] > better[side][0]) {
                    better[side] = measured;
                }
            }
        }
        double[] b = better[0];
        double[] c = better[1];
        double[] s = better[2];
        double[] g = better[3];
        String section = "throughput: " + THROUGHPUT_JOBS + " print('hello') jobs back to back, 2 in flight (pool 2), better of 2 rounds";
        table.add(row(section, "jobs/s", Table.number(c[0], 1), Table.number(b[0], 1), Table.number(s[0], 1),
                Table.number(g[0], 1), Table.number(c[0] / b[0], 2) + "x the rate", "", ""));
        double overhead = 1000 / c[0] - 1000 / b[0];
        table.add(row(section, "overhead per job: 1000/rate minus bare python3's, own session (ms)", ms(overhead), "0",
                ms(1000 / s[0] - 1000 / b[0]), ms(1000 / g[0] - 1000 / b[0]), "", "< 20 ms", Table.met(overhead < 20)));
        table.add(row(section, "CPU per job (ms; this JVM plus the processes it started and reaped)", ms(c[1]), ms(b[1]),
                ms(s[1]), ms(g[1]), difference(c[1], b[1]), "", ""));
    }

    /** @param resource the kernel's script under the bench's resources, e.g. {@code kernels/nbody.py} */
    private static void compute(Bench bench, Table table, CPythonSides sides, String resource, String configJson,
                                Map<String, Object> config) {
        String source = Bench.resource(resource);
        String kernel = resource.substring(resource.lastIndexOf('/') + 1, resource.length() - ".py".length());
        Models models = new Models(bench.writeScript("cpython_" + kernel + ".py", source),
                sides.cpython().upload(kernel + ".py", source, RuntimeKind.CPYTHON),
                sides.graalpy().upload(kernel + ".py", source, RuntimeKind.GRAALPY));
        Runs runs = new Runs();
        for (int i = 0; i < COMPUTE_RUNS; i++) {
            sides.runAll(models, configJson, config, IDLE_MS, runs, i);
        }
        List<double[]> c = CPythonSides.timings(sides.cpython(), runs.cpython());
        List<double[]> b = CPythonSides.timings(null, runs.own());
        List<double[]> s = CPythonSides.timings(null, runs.shared());
        List<double[]> g = CPythonSides.timings(sides.graalpy(), runs.graalpy());
        String section = "compute: " + kernel + " " + configJson + ", " + COMPUTE_RUNS + " runs (s; the kernel's own clock in brackets)";
        table.add(row(section, "first run", seconds(c.get(0)), seconds(b.get(0)), seconds(s.get(0)), seconds(g.get(0)),
                ratio(c.get(0), b.get(0)), "", ""));
        double[] cBest = best(c);
        double[] bBest = best(b);
        table.add(row(section, "best run", seconds(cBest), seconds(bBest), seconds(best(s)), seconds(best(g)),
                ratio(cBest, bBest), "<= 1.05x bare python3's time", Table.met(cBest[0] <= 1.05 * bBest[0])));
    }

    private static void numpyStart(Bench bench, Table table, CPythonSides sides) {
        String source = Bench.resource("cpython/numpy_pandas_start.py");
        Path script = bench.writeScript("cpython_numpy_pandas_start.py", source);
        Machine.sleep(NUMPY_IDLE_MS);
        Run ownFirst = Bench.checked(sides.own().run(script));
        Machine.sleep(NUMPY_IDLE_MS);
        Run sharedFirst = Bench.checked(sides.shared().run(script));
        Machine.sleep(NUMPY_IDLE_MS);
        String modelId = sides.cpython().upload("numpy_pandas_start.py", source, null); // auto: numpy and pandas pick cpython
        Model model = sides.cpython().sandbox().models().get(modelId);
        String section = "numpy/pandas start: import numpy, pandas; print(...), " + NUMPY_RUNS + " runs after the first, "
                + NUMPY_IDLE_MS + " ms idle before each";
        if (model.runtime() != RuntimeKind.CPYTHON) {
            table.add(row(section, "skipped: auto chose " + model.runtime().wireName() + " (" + model.runtimeReason() + ")",
                    "", "", "", "", "", "", ""));
            return;
        }
        Run first = Bench.checked(sides.cpython().run(modelId, Map.of())); // right after upload: the top-up may not be done yet
        Runs runs = new Runs();
        Models models = new Models(script, modelId, null);
        for (int i = 0; i < NUMPY_RUNS; i++) {
            sides.runAll(models, "", Map.of(), NUMPY_IDLE_MS, runs, i);
        }
        String graalpy = "n/a (cannot import numpy)";
        table.add(row(section, "submit to first log line, first run (ms; cpython: right after upload)", ms(first.firstLineMs()),
                ms(ownFirst.firstLineMs()), ms(sharedFirst.firstLineMs()), graalpy,
                difference(first.firstLineMs(), ownFirst.firstLineMs()), "", ""));
        for (int p : new int[] {50, 90}) {
            double c = percentile(runs.cpython(), Run::firstLineMs, p);
            double b = percentile(runs.own(), Run::firstLineMs, p);
            boolean targeted = p == 50;
            table.add(row(section, "submit to first log line p" + p + ", later runs (ms; imported ahead)", ms(c), ms(b),
                    ms(percentile(runs.shared(), Run::firstLineMs, p)), graalpy, difference(c, b),
                    targeted ? "no later than bare python3's" : "", targeted ? Table.met(c <= b) : ""));
        }
        double c = percentile(runs.cpython(), Run::doneMs, 50);
        double b = percentile(runs.own(), Run::doneMs, 50);
        table.add(row(section, "submit to job end p50, later runs (ms; bare: start to exit)", ms(c), ms(b),
                ms(percentile(runs.shared(), Run::doneMs, 50)), graalpy, difference(c, b), "", ""));
    }

    private static double[] best(List<double[]> runs) {
        return runs.stream().min((x, y) -> Double.compare(x[0], y[0])).orElseThrow();
    }

    private static double percentile(List<Run> runs, Function<Run, Double> value, double p) {
        return Stats.percentile(runs.stream().map(value).toList(), p);
    }

    private static List<String> row(String section, String metric, String cpython, String own, String shared, String graalpy,
                                    String vs, String target, String met) {
        return List.of(section, metric, cpython, own, shared, graalpy, vs, target, met);
    }

    private static String ms(double value) {
        return Table.number(value, 1);
    }

    private static String seconds(double[] run) {
        return Table.number(run[0], 2) + " (" + Table.number(run[1], 2) + ")";
    }

    private static String difference(double cpython, double bare) {
        return String.format(Locale.ROOT, "%+.1f ms", cpython - bare);
    }

    /** Wall-time ratio, and in brackets the ratio of the kernels' own clocks. */
    private static String ratio(double[] cpython, double[] bare) {
        return Table.number(cpython[0] / bare[0], 3) + "x the time (" + Table.number(cpython[1] / bare[1], 3) + "x)";
    }
}
