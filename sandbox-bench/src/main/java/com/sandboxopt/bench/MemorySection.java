package com.sandboxopt.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Heap used (after full GCs) at start, with two jobs running, and before and after many trivial jobs. */
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

        double before = Machine.heapUsedMbAfterGc();
        ThroughputSection.jobsPerSecond(jobs, 2, () -> bench.ours().start(bench.trivialModel(), Map.of(), null));
        double after = Machine.heapUsedMbAfterGc();
        double growth = after - before;
        table.add(new Table.Row(section, "before / after " + Table.number(jobs, 0) + " trivial jobs",
                Table.number(before, 1) + " / " + Table.number(after, 1), "", "", "", ""));
        table.add(new Table.Row(section, "growth over " + Table.number(jobs, 0) + " jobs (MB; KB per job)",
                Table.number(growth, 1) + " (" + Table.number(growth * 1024 / jobs, 1) + " KB/job)", "", "",
                "~0 (< 5 MB)", Table.met(growth < 5)));
    }
}
