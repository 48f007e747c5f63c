package com.sandboxopt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ./sandbox bench --first-click-only} (and first in every other full run): what a new user waits for on a
 * fresh clone, already built, side by side with Debian's {@code python3} running the same files. Each round is a
 * fresh {@code ./sandbox serve} on a new data directory: until its API answers, the first upload of the DMO sample,
 * that model's first and second run, the PuLP DMO sample's upload and first run, and the CPU the server (with
 * every process it started) spent in its first minute; then {@code ./sandbox run} of the DMO sample as a whole
 * process. This JVM starts nothing of its own meanwhile.
 */
final class FirstClickSection {
    static final List<String> HEADER = List.of("section", "metric", "ours (median of rounds)", "each round",
            "sandbox.runtime=graalpy (1 round)", "python3", "target", "met");
    static final int ROUNDS = 3;
    static final int PORT = 18_431;
    private static final Path DMO = Path.of("models/sample_dmo_model.py");
    private static final Path PULP_DMO = Path.of("models/pulp_dmo_market_clearing.py");
    private static final long FIRST_MINUTE_NANOS = 60_000_000_000L;

    private FirstClickSection() {
    }

    /** One round's figures, in seconds. */
    /** {@code runWall} and {@code runCpu}: {@code ./sandbox run} as a whole process, NaN in rounds that skip it. */
    record Round(double answers, double upload, double dmoFirst, double dmoSecond, double pulpFirst,
                 double cpuFirstMinute, double runWall, double runCpu) {
    }

    static void run(Path folder, Table table) {
        ProcessCpu.Timed built = ProcessCpu.time(Path.of("."), List.of("./sandbox", "build")); // not timed: "already built"
        if (built.status() != 0) {
            throw new IllegalStateException("./sandbox build ended with status " + built.status());
        }
        List<Round> rounds = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            System.err.println("first click: round " + i + " of " + ROUNDS + " (a fresh server, then a minute of it)...");
            rounds.add(round(folder.resolve("round-" + i), PORT + i, List.of()));
        }
        System.err.println("first click: one round with sandbox.runtime=graalpy...");
        Round graalPy = round(folder.resolve("graalpy"), PORT, List.of("--sandbox.runtime=graalpy"));
        Path python = folder.resolve("python3");
        ProcessCpu.Timed dmo = bestOf(3, () -> ProcessCpu.time(python, List.of(DebianPython.EXECUTABLE.toString(),
                absolute(DMO))));
        ProcessCpu.Timed pulp = bestOf(3, () -> ProcessCpu.time(python, List.of(DebianPython.EXECUTABLE.toString(),
                absolute(PULP_DMO))));
        String section = "first click (fresh server, built)";
        add(table, section, graalPy, "./sandbox serve until the API answers (s)", rounds, Round::answers, "", 5.0);
        add(table, section, graalPy, "first upload of sample_dmo_model.py (s)", rounds, Round::upload, "", 1.0);
        add(table, section, graalPy, "its first run, execute to end (s)", rounds, Round::dmoFirst, seconds(dmo.wallSeconds()), 2.0);
        add(table, section, graalPy, "its second run (s)", rounds, Round::dmoSecond, seconds(dmo.wallSeconds()), Double.NaN);
        add(table, section, graalPy, "PuLP DMO sample's first run, upload done (s)", rounds, Round::pulpFirst,
                seconds(pulp.wallSeconds()) + " (with CBC's own program)", 3.0);
        add(table, section, graalPy, "./sandbox run models/sample_dmo_model.py, whole process, wall (s)", rounds,
                Round::runWall, seconds(dmo.wallSeconds()), 5.0);
        add(table, section, graalPy, "./sandbox run models/sample_dmo_model.py, whole process, CPU (s)", rounds,
                Round::runCpu, seconds(dmo.cpuSeconds()), Double.NaN);
        add(table, section, graalPy, "CPU of the server in its first minute, with the runs above (s)", rounds,
                Round::cpuFirstMinute, "", 15.0);
    }

    /** The lines of the block's facts that say how this section measures (after the command, machine and JDK). */
    static String facts() {
        return String.join("\n",
                "- ours: `./sandbox serve --port P --data-dir <new folder>` started by this JVM as a process of its own, "
                        + ROUNDS + " rounds, each a fresh server on a fresh data directory (the JDK and JIT "
                        + "flags the script picks); times from this JVM over HTTP on loopback: until `GET /models` answers 200, "
                        + "the upload (multipart, as the page sends it), execute until `GET /jobs/{id}` no longer says queued "
                        + "or running (polled every 5 ms); CPU: user + system of the server and every process it started "
                        + "(living ones, and the reaped ones through their parents), read at 60 s after the start; one more "
                        + "round with `--sandbox.runtime=graalpy` (every upload on GraalPy, as before CPython became the default)",
                "- `./sandbox run`: the whole command timed by GNU time (wall, user + system of everything it started), "
                        + "on a new data directory, after each round's server has stopped",
                "- python3: " + CPythonRunner.version(DebianPython.EXECUTABLE.toString()) + ", `python3 <model file>` timed "
                        + "by GNU time, best of 3, in a folder of its own; the PuLP sample runs Debian's PuLP 2.6 with CBC's "
                        + "own program (/usr/bin/cbc)");
    }

    private static Round round(Path folder, int port, List<String> settings) {
        double answers;
        double upload;
        double dmoFirst;
        double dmoSecond;
        double pulpFirst;
        double cpu;
        try (FirstClick server = FirstClick.start(folder.resolve("data"), port, settings)) {
            answers = server.awaitAnswer();
            long before = System.nanoTime();
            String dmo = server.upload(DMO, "DMO");
            upload = FirstClick.seconds(System.nanoTime() - before);
            dmoFirst = server.runToEnd(dmo);
            dmoSecond = server.runToEnd(dmo);
            String pulp = server.upload(PULP_DMO, "DMO");
            pulpFirst = server.runToEnd(pulp);
            long left = server.startedNanos + FIRST_MINUTE_NANOS - System.nanoTime();
            Machine.sleep(Math.max(0, left / 1_000_000));
            cpu = server.cpuSeconds();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!settings.isEmpty()) { // ./sandbox run takes the library's defaults, not the server's settings
            return new Round(answers, upload, dmoFirst, dmoSecond, pulpFirst, cpu, Double.NaN, Double.NaN);
        }
        ProcessCpu.Timed run = ProcessCpu.time(Path.of("."), List.of("./sandbox", "run", DMO.toString(), "--data-dir",
                folder.resolve("run-data").toAbsolutePath().toString()));
        if (run.status() != 0) {
            throw new IllegalStateException("./sandbox run " + DMO + " ended with status " + run.status());
        }
        return new Round(answers, upload, dmoFirst, dmoSecond, pulpFirst, cpu, run.wallSeconds(), run.cpuSeconds());
    }

    private static void add(Table table, String section, Round graalPy, String metric, List<Round> rounds,
                            Function<Round, Double> value, String python, double target) {
        List<Double> values = rounds.stream().map(value).toList();
        double median = Stats.median(values);
        List<String> each = values.stream().map(FirstClickSection::seconds).toList();
        table.add(List.of(section, metric, seconds(median), String.join(" / ", each), seconds(value.apply(graalPy)), python,
                Double.isNaN(target) ? "" : "< " + seconds(target) + " s", Double.isNaN(target) ? "" : Table.met(median < target)));
    }

    private static ProcessCpu.Timed bestOf(int runs, java.util.function.Supplier<ProcessCpu.Timed> run) {
        ProcessCpu.Timed best = null;
        for (int i = 0; i < runs; i++) {
            ProcessCpu.Timed timed = run.get();
            if (timed.status() != 0) {
                throw new IllegalStateException("python3 ended with status " + timed.status());
            }
            if (best == null || timed.wallSeconds() < best.wallSeconds()) {
                best = timed;
            }
        }
        return best;
    }

    private static String absolute(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " not found: run the bench from the project folder");
        }
        return file.toAbsolutePath().toString();
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "n/a" : Table.number(value, 2);
    }
}
