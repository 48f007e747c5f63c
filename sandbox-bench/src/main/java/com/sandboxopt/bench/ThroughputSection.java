package com.sandboxopt.bench;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/** Trivial jobs per second with 1 and 2 jobs in flight, and the CPU time each job costs. */
final class ThroughputSection {
    private ThroughputSection() {
    }

    static void run(Bench bench, Table table) {
        int jobs = bench.quick() ? 30 : 200;
        String section = "throughput (" + jobs + " jobs)";
        for (int concurrency = 1; concurrency <= 2; concurrency++) {
            long oursCpu = Machine.processCpuNanos();
            Map<String, Long> byThread = Machine.cpuNanosByThreadGroup();
            double ours = jobsPerSecond(jobs, concurrency, () -> bench.ours().start(bench.trivialModel(), Map.of(), null));
            oursCpu = Machine.processCpuNanos() - oursCpu;
            Map<String, Long> byThreadAfter = Machine.cpuNanosByThreadGroup();
            long cpythonCpu = Machine.childCpuNanos();
            double cpython = jobsPerSecond(jobs, concurrency, () -> bench.cpython().start(bench.trivialScript()));
            cpythonCpu = Machine.childCpuNanos() - cpythonCpu;
            table.add(new Table.Row(section, "trivial jobs/s, concurrency " + concurrency, Table.number(ours, 1),
                    Table.number(cpython, 1), Table.speedup(1 / ours, 1 / cpython), "", ""));
            if (concurrency == 1) {
                double oursMs = oursCpu / 1e6 / jobs;
                table.add(new Table.Row(section, "CPU per trivial job (ms; ours: whole JVM, CPython: child process)",
                        Table.number(oursMs, 1), Table.number(cpythonCpu / 1e6 / jobs, 1), "", "< 100 ms", Table.met(oursMs < 100)));
                String split = byThreadAfter.entrySet().stream()
                        .map(e -> e.getKey() + " " + Table.number((e.getValue() - byThread.get(e.getKey())) / 1e6 / jobs, 0))
                        .collect(Collectors.joining(", "));
                table.add(new Table.Row(section, "CPU per trivial job by thread (ms)", split, "", "", "", ""));
            }
        }
    }

    /** Keeps {@code concurrency} jobs in flight until {@code jobs} have finished. */
    static double jobsPerSecond(int jobs, int concurrency, Supplier<CompletableFuture<Run>> startOne) {
        Semaphore inFlight = new Semaphore(concurrency);
        long started = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            inFlight.acquireUninterruptibly();
            startOne.get().whenComplete((run, error) -> inFlight.release());
        }
        inFlight.acquireUninterruptibly(concurrency);
        return jobs / ((System.nanoTime() - started) / 1e9);
    }
}
