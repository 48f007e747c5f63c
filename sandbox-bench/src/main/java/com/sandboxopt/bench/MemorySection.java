package com.sandboxopt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Heap used (after full GCs) at start, with two jobs running, and at checkpoints over many trivial
 * jobs. The bench keeps jobs and lines in an in-memory H2, so its share of the heap grows with
 * every job by design: about 1.5 KB per trivial job (its row and its one log line; 1.4 KB/job
 * measured over 20,000 jobs stored directly).
 */
final class MemorySection {
    private static final String BUSY_MODEL = """
            import time
            data = [i * 0.5 for i in range(200000)]
            end = time.time() + 3
            while time.time() < end:
                data[0] += 1
            print(len(data))
            """;

    static final long MAX_WAIT_FOR_REST_MS = 60_000;

    private MemorySection() {
    }

    private static String waited(Machine.AtRest rest) {
        return Table.number(rest.waitedSeconds(), 0) + (rest.idle() ? "" : " (still busy)");
    }

    static void run(Bench bench, Table table, double afterStartMb) {
        int jobs = bench.quick() ? 200 : 1_000;
        String section = "memory (MB heap after GC)";
        table.add(new Table.Row(section, "after start and warm-up", Table.number(afterStartMb, 1), "", "", "", ""));

        String busy = bench.ours().upload("busy.py", BUSY_MODEL);
        List<CompletableFuture<Run>> running = List.of(bench.ours().start(busy, Map.of(), null), bench.ours().start(busy, Map.of(), null));
        Machine.sleep(1500);
        double whileRunning = Machine.heapUsedMbAfterGc();
        running.forEach(r -> Bench.checked(r.join()));
        table.add(new Table.Row(section, "with 2 jobs running", Table.number(whileRunning, 1), "", "", "", ""));

        // Heap after GC at five checkpoints, each once the JVM is at rest: the first half includes
        // the JIT's warm-up (compiled code, profiles), the second half shows whether anything keeps
        // growing. The CPU of waiting for rest (compilations the jobs queued) counts for the jobs.
        int quarter = jobs / 4;
        List<Machine.AtRest> checkpoints = new ArrayList<>(List.of(Machine.heapUsedMbAtRest(MAX_WAIT_FOR_REST_MS)));
        long secondHalfCpu = 0;
        for (int i = 0; i < 4; i++) {
            long cpu = Machine.processCpuNanos();
            ThroughputSection.jobsPerSecond(quarter, 2, () -> bench.ours().start(bench.trivialModel(), Map.of(), null));
            checkpoints.add(Machine.heapUsedMbAtRest(MAX_WAIT_FOR_REST_MS));
            secondHalfCpu += i >= 2 ? Machine.processCpuNanos() - cpu : 0;
        }
        // The throughput rows measure right after a short warm-up; this is the same cost later in the run.
        table.add(new Table.Row("throughput, later", "CPU per trivial job over jobs " + (2 * quarter + 1) + "-" + 4 * quarter
                + " of this section (ms; whole JVM)", Table.number(secondHalfCpu / 1e6 / (2 * quarter), 1), "", "", "< 100 ms",
                Table.met(secondHalfCpu / 1e6 / (2 * quarter) < 100)));
        table.add(new Table.Row(section, "after 0 / " + quarter + " / " + 2 * quarter + " / " + 3 * quarter + " / " + 4 * quarter
                + " trivial jobs", checkpoints.stream().map(rest -> Table.number(rest.mb(), 1)).collect(Collectors.joining(" / ")),
                "", "", "", ""));
        table.add(new Table.Row(section, "waited for rest before each (s; < 10% of a core for 1 s, at most "
                + MAX_WAIT_FOR_REST_MS / 1000 + " s)", checkpoints.stream().map(MemorySection::waited)
                .collect(Collectors.joining(" / ")), "", "", "", ""));
        double growth = checkpoints.get(4).mb() - checkpoints.get(0).mb();
        table.add(new Table.Row(section, "growth over all " + Table.number(4 * quarter, 0) + " jobs (MB; KB per job)",
                Table.number(growth, 1) + " (" + Table.number(growth * 1024 / (4 * quarter), 1) + " KB/job)", "", "", "", ""));
        double steady = checkpoints.get(4).mb() - checkpoints.get(2).mb();
        table.add(new Table.Row(section, "growth over the last " + Table.number(2 * quarter, 0) + " jobs (MB; KB per job)",
                Table.number(steady, 1) + " (" + Table.number(steady * 1024 / (2 * quarter), 1) + " KB/job)", "", "",
                "~0 (< 5 MB)", Table.met(steady < 5)));
    }
}
