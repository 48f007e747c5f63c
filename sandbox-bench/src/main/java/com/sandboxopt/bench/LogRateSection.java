package com.sandboxopt.bench;

import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.RuntimeKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ./sandbox bench --logs-only}: does a WebSocket client following a chatty job keep up? A model prints
 * 100,000 lines (the default output cap) through the real server (lines stored in H2, sent to one client on a
 * real port that behaves like the page) on the cpython and the graalpy runtime, against Debian's
 * {@code /usr/bin/python3} printing the same lines into a pipe that this JVM reads: execute (the pipe: process
 * start) to the last line at the client (the pipe: the last line read). Then the first line of a small model,
 * submit to the client. The sides take turns, the order rotated each round, so each sees the same load.
 */
final class LogRateSection {
    static final List<String> HEADER = List.of("section", "metric", "cpython runtime", "graalpy runtime",
            "python3 into a pipe, environment as is", "python3 into a pipe, block-buffered", "cpython vs pipe (as is)",
            "target", "met");
    static final int LINES = 100_000;
    static final int ROUNDS = 7;
    static final int LATENCY_RUNS = 20;
    static final long IDLE_MS = 300;
    static final long REST_MS = 120_000;
    static final Path PYTHON = DebianPython.EXECUTABLE;
    static final Path SETSID = Path.of("/usr/bin/setsid");
    static final String LOUD = "for i in range(" + LINES + "):\n    print(f\"line {i}\")\n";
    static final String HELLO = "print('hello')\n";

    private LogRateSection() {
    }

    /** One pipe run: ms from process start to the first and to the last line read, and the lines read. */
    private record Piped(double firstMs, double lastMs, long lines) {
    }

    /** The times of one side, in ms (first line, last line, job end) and what was lost or repeated. */
    private static final class Side {
        final List<Double> lastMs = new ArrayList<>();
        final List<Double> firstMs = new ArrayList<>();
        final List<Double> jobMs = new ArrayList<>();
        long lost;
        long repeated;
        long leastStored = Long.MAX_VALUE;

        void add(ServerLogRun.Result result, long expected) {
            lastMs.add(result.seconds() * 1000);
            firstMs.add(result.firstLineSeconds() * 1000);
            jobMs.add(result.jobSeconds() * 1000);
            lost = Math.max(lost, expected - result.leastDelivered());
            repeated = Math.max(repeated, result.repeated());
            leastStored = Math.min(leastStored, result.stored());
        }

        void add(Piped piped, long expected) {
            lastMs.add(piped.lastMs());
            firstMs.add(piped.firstMs());
            lost = Math.max(lost, expected - piped.lines());
        }
    }

    static void run(Bench bench, Table table) {
        if (!Files.isExecutable(PYTHON) || !Files.isExecutable(SETSID)) {
            table.add(List.of("logs", "skipped: needs " + PYTHON + " and " + SETSID, "", "", "", "", "", "", ""));
            return;
        }
        Path loudScript = bench.writeScript("logs_loud.py", LOUD);
        Path helloScript = bench.writeScript("logs_hello.py", HELLO);
        try (ServerLogRun server = new ServerLogRun(Map.of("micronaut.server.port", -1,
                "sandbox.data-dir", bench.workDirectory().resolve("logs-server").toString(),
                "sandbox.in-memory-database", true, "sandbox.pool-size", 1,
                "sandbox.compiler-threads", bench.compilerThreads()))) {
            String cpythonLoud = server.upload("loud.py", LOUD, RuntimeKind.CPYTHON);
            String graalpyLoud = server.upload("loud.py", LOUD, RuntimeKind.GRAALPY);
            String cpythonHello = server.upload("hello.py", HELLO, RuntimeKind.CPYTHON);
            String graalpyHello = server.upload("hello.py", HELLO, RuntimeKind.GRAALPY);
            System.err.println("logs: warm-up...");
            for (int i = 0; i < 5; i++) {
                server.runModel(cpythonHello, 1, 1);
                server.runModel(graalpyHello, 1, 1);
            }
            for (int i = 0; i < 2; i++) {
                server.runModel(cpythonLoud, LINES, 1);
                server.runModel(graalpyLoud, LINES, 1); // GraalPy's first print loop of the process runs interpreted
            }
            awaitRest();
            // cpython and the pipes first, taking turns, then graalpy alone: its runs keep the JIT compiling for
            // seconds, which would weigh on whichever side ran next
            System.err.println("logs: " + ROUNDS + " rounds of " + LINES + " lines, cpython and the pipes...");
            Side[] loud = {new Side(), new Side(), new Side(), new Side()};
            takeTurns(List.of(
                    () -> loud[0].add(server.runModel(cpythonLoud, LINES, 1), LINES),
                    () -> loud[2].add(pipe(loudScript, true), LINES),
                    () -> loud[3].add(pipe(loudScript, false), LINES)), ROUNDS);
            System.err.println("logs: " + ROUNDS + " runs of " + LINES + " lines on graalpy...");
            takeTurns(List.of(() -> loud[1].add(server.runModel(graalpyLoud, LINES, 1), LINES)), ROUNDS);
            awaitRest();
            System.err.println("logs: first lines...");
            Side[] hello = {new Side(), new Side(), new Side(), new Side()};
            takeTurns(List.of(
                    () -> hello[0].add(server.runModel(cpythonHello, 1, 1), 1),
                    () -> hello[1].add(server.runModel(graalpyHello, 1, 1), 1),
                    () -> hello[2].add(pipe(helloScript, true), 1),
                    () -> hello[3].add(pipe(helloScript, false), 1)), LATENCY_RUNS);
            addRows(table, loud, hello);
        }
    }

    /** The lines of the block's facts that say how this section measures (after the command, machine and JDK). */
    static String facts(RuntimeInfo runtime, String runtimeMode, String bubblewrap) {
        return String.join("\n",
                "- server: the real one in this JVM (Micronaut, a real port), in-memory H2, pool 1, application.yml's limits"
                        + " (100,000 lines per job); graalpy: " + runtime.implementation() + ", Python " + runtime.pythonVersion()
                        + ", " + runtimeMode + "; cpython: " + CPythonRunner.version(PYTHON.toString())
                        + " in bubblewrap; " + bubblewrap,
                "- client: one WebSocket client of the bench in this JVM that behaves like the page (`?batch=true`, follows"
                        + " every job, asks for missed lines by seq after `optimization:lagged` or a gap), connected before"
                        + " submit; times are from `execute` to the client holding seq 1 (first line) and every seq in order"
                        + " (last line)",
                "- pipe: `setsid -w " + PYTHON + " model.py` started from this JVM (a session of its own, as the"
                        + " sandbox's interpreters have), stdout and stderr merged into one pipe read line by line (BufferedReader);"
                        + " \"as is\": this JVM's environment (" + environment() + "), \"block-buffered\": without"
                        + " PYTHONUNBUFFERED (Python's default into a pipe); times from process start",
                "- order: 5 warm-up runs of the small model and 2 of the 100,000-line model on each runtime, then a wait until"
                        + " this JVM used under 10 % of a core for a second (at most " + REST_MS / 1000 + " s: the"
                        + " fresh server's JIT compiles GraalPy's start-up meanwhile); the cpython runtime and the two pipes take"
                        + " turns (order rotated every round), then the graalpy runs (they keep the JIT busy for seconds after"
                        + " each, which would weigh on the next side), the wait again, then the four sides' small model taking"
                        + " turns; each run after " + IDLE_MS + " ms idle");
    }

    /** Waits until the JVM is at rest: the fresh server's JIT compiles GraalPy's start-up for half a minute or more. */
    private static void awaitRest() {
        Machine.AtRest rest = Machine.heapUsedMbAtRest(REST_MS);
        System.err.printf("logs: the JVM was at rest after %.0f s%s%n", rest.waitedSeconds(), rest.idle() ? "" : " (not idle)");
    }

    /** Each run once per round, after {@link #IDLE_MS} of rest, in an order rotated every round. */
    static void takeTurns(List<Runnable> runs, int rounds) {
        for (int round = 0; round < rounds; round++) {
            List<Runnable> order = new ArrayList<>(runs);
            Collections.rotate(order, -(round % order.size()));
            for (Runnable run : order) {
                Machine.sleep(IDLE_MS);
                run.run();
            }
        }
    }

    private static void addRows(Table table, Side[] loud, Side[] hello) {
        String section = "logs: " + Table.number(LINES, 0) + " lines of print(f\"line {i}\"), 1 WebSocket client, "
                + ROUNDS + " rounds";
        double cpython = Stats.median(loud[0].lastMs);
        double pipe = Stats.median(loud[2].lastMs);
        table.add(row(section, "execute to last line at the client, median (s; pipe: process start to last line read)",
                loud, s -> Table.number(Stats.median(s.lastMs) / 1000, 2), Table.number(cpython / pipe, 2) + "x the time",
                "<= 1.5x the pipe's time", Table.met(cpython <= 1.5 * pipe)));
        table.add(row(section, "lines/s (" + Table.number(LINES, 0) + " / median time)", loud,
                s -> Table.number(LINES / (Stats.median(s.lastMs) / 1000), 0), "", ">= 80,000/s",
                Table.met(LINES / (cpython / 1000) >= 80_000)));
        table.add(row(section, "slowest run (s)", loud, s -> Table.number(Stats.percentile(s.lastMs, 100) / 1000, 2),
                "", "", ""));
        table.add(row(section, "execute to job end, median (s)", loud,
                s -> s.jobMs.isEmpty() ? "" : Table.number(Stats.median(s.jobMs) / 1000, 2), "", "", ""));
        table.add(row(section, "execute to first line at the client, median (ms)", loud,
                s -> Table.number(Stats.median(s.firstMs), 1), "", "", ""));
        boolean intact = true;
        for (int i = 0; i < 2; i++) {
            intact &= loud[i].lost == 0 && loud[i].leastStored == LINES;
        }
        // "again": lines a client got a second time after it lagged and asked for a replay while the server was
        // already catching it up; the page drops them by seq, as this client does
        table.add(row(section, "lines lost / seen again after a lag / stored (worst run)", loud,
                s -> s.lost + " / " + s.repeated + (s.leastStored == Long.MAX_VALUE ? "" : " / " + Table.number(s.leastStored, 0)),
                "", "0 lost, every line stored", Table.met(intact)));
        String latency = "first line: print('hello'), " + LATENCY_RUNS + " runs, " + IDLE_MS + " ms idle before each";
        for (int p : new int[] {50, 90}) {
            double c = Stats.percentile(hello[0].firstMs, p);
            double b = Stats.percentile(hello[2].firstMs, p);
            table.add(row(latency, "submit to first line at the client p" + p + " (ms; pipe: process start to first line read)",
                    hello, s -> Table.number(Stats.percentile(s.firstMs, p), 1), Table.number(c - b, 1) + " ms",
                    p == 50 ? "no later than the pipe's" : "", p == 50 ? Table.met(c <= b) : ""));
        }
    }

    /** A table row: the section, the metric, a cell per side, then how ours compares, the target and whether it is met. */
    static <S> List<String> row(String section, String metric, S[] sides, Function<S, String> cell,
                                String versus, String target, String met) {
        List<String> cells = new ArrayList<>(List.of(section, metric));
        for (S side : sides) {
            cells.add(cell.apply(side));
        }
        cells.addAll(List.of(versus, target, met));
        return cells;
    }

    /**
     * {@code setsid -w python3 script} (a session of its own, as the sandbox's interpreters have), stdout and stderr
     * merged into one pipe read line by line here. {@code asIs}: with this JVM's environment (PYTHONUNBUFFERED, when
     * set, makes every print a write); else without PYTHONUNBUFFERED, so Python block-buffers its output into the pipe.
     */
    private static Piped pipe(Path script, boolean asIs) {
        ProcessBuilder builder = new ProcessBuilder(SETSID.toString(), "-w", PYTHON.toString(), script.toString())
                .redirectErrorStream(true);
        if (!asIs) {
            builder.environment().remove("PYTHONUNBUFFERED");
        }
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            long first = 0;
            long last = 0;
            long lines = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                while (reader.readLine() != null) {
                    last = System.nanoTime();
                    if (lines++ == 0) {
                        first = last;
                    }
                }
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException(script + " failed with status " + process.exitValue());
            }
            return new Piped((first - started) / 1e6, (last - started) / 1e6, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether PYTHONUNBUFFERED is set in this JVM's environment (the pipe's "as is" column depends on it). */
    static String environment() {
        String unbuffered = System.getenv("PYTHONUNBUFFERED");
        return unbuffered == null || unbuffered.isEmpty() ? "PYTHONUNBUFFERED not set" : "PYTHONUNBUFFERED=" + unbuffered;
    }
}
