package com.sandboxopt.bench;

import com.sandboxopt.bench.DataJobs.Case;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./sandbox bench --data-only}: what data sources and artifacts cost a job, on both runtimes.
 * A data source's files are stored once by hash under {@code <dataDirectory>/files} and each job's
 * {@code data/} gets hard links to them, so mounting 100 MiB should cost a job next to nothing; the
 * baseline is what a job folder filled by copying would cost (Files.copy in this JVM, per job). Also:
 * the upload itself (a generated stream, never on disk or in memory whole: rate, heap, allocation),
 * and a job writing 10 MiB under {@code output/} (kept: copied into the store at its end) against one
 * writing them elsewhere in its working directory (deleted with it).
 *
 * <p>{@link DataUploads} makes the data sources and times their upload, {@link DataJobs} runs the jobs
 * and checks them; this class runs the parts in order and makes the rows of the copies, the jobs and the
 * artifacts.
 */
final class DataSection {
    static final List<String> HEADER = List.of("section", "metric", "ours", "baseline", "ours vs baseline", "target", "met");
    static final int WARM_UP_JOBS = 2;
    static final int MEASURED_JOBS = 10;
    static final int MIB = 1024 * 1024;
    static final int WRITTEN_BYTES = 10 * MIB;
    static final long MAX_WAIT_FOR_REST_MS = 30_000;
    private static final String LIST_DATA = "import os\nprint(len(os.listdir('data')))\n";
    /** 10 MiB whose first bytes differ in every job, so that no two jobs' artifacts are the same content. */
    private static final String WRITE = """
            import time
            block = repr(time.time_ns()).encode().ljust(32) + bytes(%d - 32)
            with open('%s', 'wb') as f:
                f.write(block)
            print(len(block))
            """;
    private static final String KEPT = "output/result.bin";
    private static final String NOT_KEPT = "scratch.bin";

    private DataSection() {
    }

    /** The cpython runtime's status in the section's sandbox, or null when it has none. */
    static RuntimeStatus status(Bench bench) {
        return bench.dataRunner().sandbox().runtimes().stream().filter(s -> s.kind() == RuntimeKind.CPYTHON)
                .findFirst().orElse(null);
    }

    static void run(Bench bench, Table table) throws IOException {
        OurRunner runner = bench.dataRunner();
        Sandbox sandbox = runner.sandbox();
        Machine.AtRest before = Machine.heapUsedMbAtRest(MAX_WAIT_FOR_REST_MS); // the pools' contexts prepared
        System.err.println("data: uploads...");
        DataUploads uploads = DataUploads.measure(bench, sandbox, before);
        uploads.addRows(table);
        System.err.println("data: copies...");
        Path store = bench.dataSectionDirectory().resolve("files");
        Copies copies = copies(bench, store, uploads.big(), uploads.small());
        RuntimeStatus cpython = status(bench);
        List<RuntimeKind> kinds = new ArrayList<>(List.of(RuntimeKind.GRAALPY));
        if (cpython != null && cpython.available()) {
            kinds.add(RuntimeKind.CPYTHON);
        }
        for (RuntimeKind kind : kinds) {
            System.err.println("data: " + kind.wireName() + " jobs...");
            mounted(table, runner, kind, uploads, copies);
        }
        if (!kinds.contains(RuntimeKind.CPYTHON)) {
            table.add(List.of("data: cpython jobs", "skipped: the cpython runtime is not available here: "
                    + (cpython == null ? "not configured" : cpython.reason()), "", "", "", "", ""));
        }
        copies.addRows(table);
        for (RuntimeKind kind : kinds) {
            System.err.println("data: " + kind.wireName() + " artifacts...");
            artifacts(table, runner, kind);
        }
        if (!kinds.contains(RuntimeKind.CPYTHON)) {
            table.add(List.of("artifacts: cpython jobs", "skipped: the cpython runtime is not available here", "", "", "", "", ""));
        }
    }

    /**
     * The lines of the block's facts that say how this section measures (after the command, machine and JDK).
     *
     * @param disk           the file system of the section's data directory
     * @param cpython        the cpython runtime's status in the section's sandbox (null: not configured)
     * @param graalpyRuntime the graalpy runtime as the bench's sandboxes run it
     */
    static String facts(Bench bench, FileStore disk, RuntimeStatus cpython, String graalpyRuntime) {
        return String.join("\n",
                "- the section's own sandbox: a fresh data directory in " + bench.workDirectory().getParent() + " (" + disk.type()
                        + " on " + disk.name() + "), pool 2, in-memory H2, pre-imports learned; data source files stored once by"
                        + " SHA-256 under `<dataDirectory>/files`, each job's `data/` made of hard links to them (the cpython runtime"
                        + " binds that folder read-only at `/job/data`); what a job leaves under `output/` is copied into the same store"
                        + " when it ends",
                "- graalpy runtime: " + graalpyRuntime,
                "- cpython runtime: " + RunFacts.cpythonRuntime(cpython),
                "- job times are each job's own start to end (Job.duration: placing its data and keeping its output are"
                        + " inside it; the wait for a prepared context before it starts is not), one job at a time (back to"
                        + " back), the cases of each part"
                        + " interleaved (order rotated each round); the copy baseline is Files.copy in this JVM from the file store"
                        + " into a fresh folder per job (deleted afterwards, untimed); p90 of 10 runs is the second slowest");
    }

    // ---- the copy a job folder filled by copying would cost

    /** Milliseconds to copy the stored files into a fresh folder, per job: the one big file, the 1,000 small ones. */
    private record Copies(List<Double> big, List<Double> small) {
        void addRows(Table table) {
            String section = "data: copy instead, Files.copy in this JVM from the file store into a fresh folder per job, "
                    + WARM_UP_JOBS + " warm-up + " + MEASURED_JOBS + " measured, interleaved";
            table.add(List.of(section, "1 file of 100 MiB: p50 / p90 (ms)", "", pair(big), "", "", ""));
            table.add(List.of(section, "1,000 files of 100 KiB: p50 / p90 (ms)", "", pair(small), "", "", ""));
        }
    }

    private static Copies copies(Bench bench, Path store, DataSource big, DataSource small) throws IOException {
        Path root = Files.createDirectories(bench.workDirectory().resolve("copies"));
        List<Double> bigMs = new ArrayList<>();
        List<Double> smallMs = new ArrayList<>();
        for (int i = 0; i < WARM_UP_JOBS + MEASURED_JOBS; i++) {
            boolean measured = i >= WARM_UP_JOBS;
            int round = i;
            List<Runnable> order = new ArrayList<>(List.of(
                    () -> add(measured, bigMs, copyInto(root.resolve("big-" + round), store, big)),
                    () -> add(measured, smallMs, copyInto(root.resolve("small-" + round), store, small))));
            Collections.rotate(order, -(i % order.size()));
            order.forEach(Runnable::run);
            deleteRecursively(root);
            Files.createDirectories(root);
        }
        return new Copies(bigMs, smallMs);
    }

    /** Creates {@code folder} and copies the data source's stored files into it, as a copying design would per job. */
    private static double copyInto(Path folder, Path store, DataSource source) {
        return timed(() -> {
            try {
                Files.createDirectory(folder);
                for (var file : source.files()) {
                    Path stored = store.resolve(file.sha256().substring(0, 2)).resolve(file.sha256());
                    Files.copy(stored, folder.resolve(file.name()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---- jobs reading data/

    private static void mounted(Table table, OurRunner runner, RuntimeKind kind, DataUploads uploads, Copies copies) {
        Sandbox sandbox = runner.sandbox();
        String model = runner.upload("list_data.py", LIST_DATA, kind);
        List<Case> cases = List.of(
                new Case(ExecutionRequest.of(model), "0", null),
                new Case(ExecutionRequest.of(model).withDataSourceId(uploads.big().id()), "1", null),
                new Case(ExecutionRequest.of(model).withDataSourceId(uploads.small().id()),
                        String.valueOf(DataUploads.SMALL_FILES), null));
        List<List<Double>> ms = DataJobs.interleaved(sandbox, cases);
        String section = "data: " + kind.wireName() + " jobs, import os; print(len(os.listdir('data'))), " + WARM_UP_JOBS
                + " warm-up + " + MEASURED_JOBS + " measured per case, back to back, cases interleaved";
        List<Double> none = ms.get(0);
        table.add(List.of(section, "no data source (the job itself): job start to end p50 / p90 (ms)", pair(none), "", "", "", ""));
        mountedRows(table, section, "1 file of 100 MiB", none, ms.get(1), copies.big());
        mountedRows(table, section, "1,000 files of 100 KiB", none, ms.get(2), copies.small());
    }

    private static void mountedRows(Table table, String section, String what, List<Double> none, List<Double> with,
                                    List<Double> copy) {
        table.add(List.of(section, what + " under data/: job start to end p50 / p90 (ms; baseline: no data source)",
                pair(with), pair(none), difference(Stats.median(with), Stats.median(none)) + " / "
                        + difference(Stats.percentile(with, 90), Stats.percentile(none, 90)), "", ""));
        double extra = Stats.median(with) - Stats.median(none);
        double copied = Stats.median(copy);
        table.add(List.of(section, what + ": extra per job, p50 (ms; baseline: copying the files into a fresh folder, p50)",
                Table.number(extra, 1), Table.number(copied, 1), difference(extra, copied), "less than copying them",
                Table.met(extra < copied)));
    }

    // ---- artifacts

    private static void artifacts(Table table, OurRunner runner, RuntimeKind kind) {
        Sandbox sandbox = runner.sandbox();
        String kept = runner.upload("write_output.py", String.format(Locale.ROOT, WRITE, WRITTEN_BYTES, KEPT), kind);
        String notKept = runner.upload("write_scratch.py", String.format(Locale.ROOT, WRITE, WRITTEN_BYTES, NOT_KEPT), kind);
        String written = String.valueOf(WRITTEN_BYTES);
        List<List<Double>> ms = DataJobs.interleaved(sandbox, List.of(
                new Case(ExecutionRequest.of(kept), written, "result.bin"),
                new Case(ExecutionRequest.of(notKept), written, null)));
        String section = "artifacts: " + kind.wireName() + " jobs writing 10 MiB, " + WARM_UP_JOBS + " warm-up + "
                + MEASURED_JOBS + " measured per case, back to back, cases interleaved";
        List<Double> output = ms.get(0);
        List<Double> scratch = ms.get(1);
        table.add(List.of(section, "10 MiB to output/result.bin (kept): job start to end p50 / p90 (ms; baseline: 10 MiB to"
                        + " scratch.bin in the working directory, not kept)", pair(output), pair(scratch),
                difference(Stats.median(output), Stats.median(scratch)) + " / "
                        + difference(Stats.percentile(output, 90), Stats.percentile(scratch, 90)), "", ""));
    }

    // ---- helpers

    static void add(boolean measured, List<Double> into, double value) {
        if (measured) {
            into.add(value);
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return OurRunner.millis(System.nanoTime() - start);
    }

    private static String pair(List<Double> ms) {
        return Table.number(Stats.median(ms), 1) + " / " + Table.number(Stats.percentile(ms, 90), 1);
    }

    private static String difference(double ours, double baseline) {
        return String.format(Locale.ROOT, "%+.1f ms", ours - baseline);
    }
}
