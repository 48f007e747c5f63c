package com.sandboxopt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Heap used (after full GCs) at start, with two jobs running, and at checkpoints over many trivial jobs. */
final class MemorySection {
    private static final String BUSY_MODEL = """
            import time
            data = [i * 0.5 for i in range(200000)]
            end = time.time() + 3
            while time.time() < end:
                data[0] += 1
            print(len(data))
            """;

    private MemorySection() {
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

        // Heap after GC at five checkpoints: the first half includes the JIT's warm-up (compiled
        // code, profiles, queued compilations), the second half shows whether anything keeps growing.
        int quarter = jobs / 4;
        List<Double> checkpoints = new ArrayList<>(List.of(Machine.heapUsedMbAfterGc()));
        long secondHalfCpu = 0;
        for (int i = 0; i < 4; i++) {
            long cpu = Machine.processCpuNanos();
            ThroughputSection.jobsPerSecond(quarter, 2, () -> bench.ours().start(bench.trivialModel(), Map.of(), null));
            secondHalfCpu += i >= 2 ? Machine.processCpuNanos() - cpu : 0;
            checkpoints.add(Machine.heapUsedMbAfterGc());
        }
        // The throughput rows measure right after a short warm-up; this is the same cost later in the run.
        table.add(new Table.Row("throughput, later", "CPU per trivial job over jobs " + (2 * quarter + 1) + "-" + 4 * quarter
                + " of this section (ms; whole JVM)", Table.number(secondHalfCpu / 1e6 / (2 * quarter), 1), "", "", "< 100 ms",
                Table.met(secondHalfCpu / 1e6 / (2 * quarter) < 100)));
        table.add(new Table.Row(section, "after 0 / " + quarter + " / " + 2 * quarter + " / " + 3 * quarter + " / " + 4 * quarter
                + " trivial jobs", checkpoints.stream().map(mb -> Table.number(mb, 1)).collect(Collectors.joining(" / ")),
                "", "", "", ""));
        double growth = checkpoints.get(4) - checkpoints.get(0);
        table.add(new Table.Row(section, "growth over all " + Table.number(4 * quarter, 0) + " jobs (MB; KB per job)",
                Table.number(growth, 1) + " (" + Table.number(growth * 1024 / (4 * quarter), 1) + " KB/job)", "", "", "", ""));
        double steady = checkpoints.get(4) - checkpoints.get(2);
        table.add(new Table.Row(section, "growth over the last " + Table.number(2 * quarter, 0) + " jobs (MB; KB per job)",
                Table.number(steady, 1) + " (" + Table.number(steady * 1024 / (2 * quarter), 1) + " KB/job)", "", "",
                "~0 (< 5 MB)", Table.met(steady < 5)));
    }
}
