package com.sandboxopt.bench;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code ./sandbox bench --data-only}: what data sources and artifacts cost a job, on both runtimes.
 * A data source's files are stored once by hash under {@code <dataDirectory>/files} and each job's
 * {@code data/} gets hard links to them, so mounting 100 MiB should cost a job next to nothing; the
 * baseline is what a job folder filled by copying would cost (Files.copy in this JVM, per job). Also:
 * the upload itself (a generated stream, never on disk or in memory whole: rate, heap, allocation),
 * and a job writing 10 MiB under {@code output/} (kept: copied into the store at its end) against one
 * writing them elsewhere in its working directory (deleted with it).
 */
final class DataSection {
    static final List<String> HEADER = List.of("section", "metric", "ours", "baseline", "ours vs baseline", "target", "met");
    static final int WARM_UP_JOBS = 2;
    static final int MEASURED_JOBS = 10;
    static final int WARM_UP_UPLOADS = 1;
    static final int MEASURED_UPLOADS = 3;
    static final int MIB = 1024 * 1024;
    static final long BIG_FILE_BYTES = 100L * MIB;
    static final int SMALL_FILES = 1_000;
    static final int SMALL_FILE_BYTES = 100 * 1024;
    static final int WRITTEN_BYTES = 10 * MIB;
    static final long MAX_WAIT_FOR_REST_MS = 30_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
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
        Uploads uploads = uploads(bench, sandbox, before);
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

    // ---- uploads

    /** The data sources the jobs read, and what uploading them took. */
    private record Uploads(DataSource big, DataSource small, List<Double> bigMs, List<Double> bigBaselineMs,
                           List<Double> smallMs, List<Double> smallBaselineMs, List<Double> allocatedMb,
                           double heapBeforeMb, double heapAfterMb, Machine.AtRest rest) {
        void addRows(Table table) {
            String section = "data: upload of generated bytes, newDataSource(...).addFile(name, stream) then commit(), "
                    + WARM_UP_UPLOADS + " warm-up + " + MEASURED_UPLOADS + " measured, each version new bytes";
            table.add(List.of(section, "1 file of 100 MiB: MiB/s p50 (ms p50; baseline: Files.copy of the same stream to a file)",
                    rate(BIG_FILE_BYTES, bigMs), rate(BIG_FILE_BYTES, bigBaselineMs),
                    Table.number(Stats.median(bigBaselineMs) / Stats.median(bigMs), 2) + "x the rate", "", ""));
            long smallBytes = (long) SMALL_FILES * SMALL_FILE_BYTES;
            table.add(List.of(section, "1,000 files of 100 KiB (97.7 MiB): MiB/s p50 (ms p50; baseline: 1,000 Files.copy of"
                            + " the same streams into a folder)", rate(smallBytes, smallMs), rate(smallBytes, smallBaselineMs),
                    Table.number(Stats.median(smallBaselineMs) / Stats.median(smallMs), 2) + "x the rate", "", ""));
            double growth = heapAfterMb - heapBeforeMb;
            table.add(List.of(section, "heap after GC before / after all " + (WARM_UP_UPLOADS + MEASURED_UPLOADS) * 2
                            + " uploads (MB; before: at rest" + (rest.idle() ? "" : ", still busy after " + MAX_WAIT_FOR_REST_MS / 1000 + " s") + ")",
                    Table.number(heapBeforeMb, 1) + " / " + Table.number(heapAfterMb, 1), "",
                    String.format(Locale.ROOT, "%+.1f MB", growth), "< 10 MB (not the 100 MiB uploaded)", Table.met(growth < 10)));
            table.add(List.of(section, "allocated by the uploading thread per 100 MiB upload, p50 / max (MB)",
                    Table.number(Stats.median(allocatedMb), 1) + " / " + Table.number(Collections.max(allocatedMb), 1), "", "",
                    "< 10 MB (streamed, not held)", Table.met(Collections.max(allocatedMb) < 10)));
        }
    }

    private static Uploads uploads(Bench bench, Sandbox sandbox, Machine.AtRest rest) throws IOException {
        Path baselines = Files.createDirectories(bench.workDirectory().resolve("upload-baseline"));
        List<Double> bigMs = new ArrayList<>();
        List<Double> bigBaselineMs = new ArrayList<>();
        List<Double> smallMs = new ArrayList<>();
        List<Double> smallBaselineMs = new ArrayList<>();
        List<Double> allocatedMb = new ArrayList<>();
        DataSource big = null;
        DataSource small = null;
        for (int i = 0; i < WARM_UP_UPLOADS + MEASURED_UPLOADS; i++) {
            boolean measured = i >= WARM_UP_UPLOADS;
            long seed = 1000L * i;
            long allocated = allocatedBytes();
            long start = System.nanoTime();
            try (DataSourceDraft draft = sandbox.dataSources().draft("one-big-file", "1 file of 100 MiB, generated")) {
                big = draft.addFile("big.bin", new Generated(BIG_FILE_BYTES, seed)).commit();
            }
            double ms = OurRunner.millis(System.nanoTime() - start);
            allocated = allocatedBytes() - allocated;
            double baseline = timed(() -> copyStream(new Generated(BIG_FILE_BYTES, seed), baselines.resolve("big.bin")));
            start = System.nanoTime();
            try (DataSourceDraft draft = sandbox.dataSources().draft("small-files", "1,000 files of 100 KiB, generated")) {
                for (int f = 0; f < SMALL_FILES; f++) {
                    draft.addFile(smallName(f), new Generated(SMALL_FILE_BYTES, seed + 1 + f));
                }
                small = draft.commit();
            }
            double smallOne = OurRunner.millis(System.nanoTime() - start);
            Path folder = Files.createDirectories(baselines.resolve("small"));
            double smallBaseline = timed(() -> {
                for (int f = 0; f < SMALL_FILES; f++) {
                    copyStream(new Generated(SMALL_FILE_BYTES, seed + 1 + f), folder.resolve(smallName(f)));
                }
            });
            deleteRecursively(baselines);
            Files.createDirectories(baselines);
            if (measured) {
                bigMs.add(ms);
                bigBaselineMs.add(baseline);
                allocatedMb.add(allocated / (double) MIB);
                smallMs.add(smallOne);
                smallBaselineMs.add(smallBaseline);
            }
        }
        double after = Machine.heapUsedMbAfterGc();
        return new Uploads(big, small, bigMs, bigBaselineMs, smallMs, smallBaselineMs, allocatedMb, rest.mb(), after, rest);
    }

    private static String smallName(int index) {
        return String.format(Locale.ROOT, "part-%04d.bin", index);
    }

    private static void copyStream(InputStream in, Path target) {
        try (in) {
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's count; includes what is garbage by now). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static String rate(long bytes, List<Double> ms) {
        double median = Stats.median(ms);
        return Table.number(bytes / (double) MIB / (median / 1000), 0) + " (" + Table.number(median, 0) + " ms)";
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

    private static void mounted(Table table, OurRunner runner, RuntimeKind kind, Uploads uploads, Copies copies) {
        Sandbox sandbox = runner.sandbox();
        String model = runner.upload("list_data.py", LIST_DATA, kind);
        List<Case> cases = List.of(
                new Case(ExecutionRequest.of(model), "0", null),
                new Case(ExecutionRequest.of(model).withDataSourceId(uploads.big().id()), "1", null),
                new Case(ExecutionRequest.of(model).withDataSourceId(uploads.small().id()), String.valueOf(SMALL_FILES), null));
        List<List<Double>> ms = interleaved(sandbox, cases);
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
        List<List<Double>> ms = interleaved(sandbox, List.of(
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

    // ---- running jobs

    /**
     * One kind of job: the request, the last line it must print, and the artifact it must leave (null:
     * none); both are checked on every warm-up job.
     */
    private record Case(ExecutionRequest request, String prints, String artifact) {
    }

    /** Rounds of one job per case, back to back, the order rotated each round; each case's measured times (ms). */
    private static List<List<Double>> interleaved(Sandbox sandbox, List<Case> cases) {
        List<List<Double>> ms = new ArrayList<>();
        cases.forEach(c -> ms.add(new ArrayList<>()));
        for (int i = 0; i < WARM_UP_JOBS + MEASURED_JOBS; i++) {
            boolean measured = i >= WARM_UP_JOBS;
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < cases.size(); k++) {
                order.add(k);
            }
            Collections.rotate(order, -(i % cases.size()));
            for (int k : order) {
                Case one = cases.get(k);
                Job job = sandbox.jobs().execute(one.request()).await(JOB_TIMEOUT);
                // The job's own start to end: placing its data and keeping its output are inside it, while the
                // wait for a prepared context before it starts depends on which job thread takes it.
                double took = OurRunner.millis(job.times().duration().orElseThrow().toNanos());
                if (job.status() != JobStatus.SUCCESS) {
                    throw new IllegalStateException("benchmark job failed (" + job.id() + "): " + job.status().wireName()
                            + ": " + job.error());
                }
                if (!measured) {
                    check(sandbox, job, one);
                }
                add(measured, ms.get(k), took);
            }
        }
        return ms;
    }

    private static void check(Sandbox sandbox, Job job, Case expected) {
        List<LogLine> lines = sandbox.jobs().logs(job.id(), LogQuery.all());
        String last = lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1).message().strip();
        if (!last.equals(expected.prints())) {
            throw new IllegalStateException("job " + job.id() + " printed " + last + ", not " + expected.prints());
        }
        List<Artifact> artifacts = sandbox.jobs().artifacts(job.id());
        boolean right = expected.artifact() == null ? artifacts.isEmpty() : artifacts.size() == 1
                && artifacts.get(0).name().equals(expected.artifact()) && artifacts.get(0).sizeBytes() == WRITTEN_BYTES;
        if (!right) {
            throw new IllegalStateException("job " + job.id() + " left " + artifacts + ", not " + expected.artifact());
        }
    }

    // ---- helpers

    private static void add(boolean measured, List<Double> into, double value) {
        if (measured) {
            into.add(value);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double timed(Runnable work) {
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

    /** {@code length} bytes made from a seed (64 KiB of them, repeated): a file to upload that is never whole anywhere. */
    static final class Generated extends InputStream {
        private final byte[] block;
        private long remaining;
        private int position;

        Generated(long length, long seed) {
            this.block = new byte[(int) Math.min(64 * 1024, Math.max(1, length))];
            new SplittableRandom(seed).nextBytes(block);
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            int value = block[position] & 0xff;
            advance(1);
            return value;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, remaining), block.length - position);
            System.arraycopy(block, position, into, offset, n);
            advance(n);
            return n;
        }

        private void advance(int n) {
            position = (position + n) % block.length;
            remaining -= n;
        }
    }
}
