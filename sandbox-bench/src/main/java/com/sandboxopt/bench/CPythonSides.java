package com.sandboxopt.bench;

import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The four ways {@link CPythonSection} runs a model, and what it reads from their runs: the cpython runtime, the
 * graalpy runtime, and bare python3 in a session of its own ({@code own}) and in the JVM's ({@code shared}).
 */
record CPythonSides(OurRunner cpython, OurRunner graalpy, CPythonRunner own, CPythonRunner shared) {
    private static final String IN_PROCESS = "inproc_ms ";

    /** One model on every side: the script the bare runs get, the ids uploaded to each runtime (null: not there). */
    record Models(Path script, String cpythonId, String graalpyId) {
    }

    /** The runs of one measurement, side by side. */
    record Runs(List<Run> cpython, List<Run> own, List<Run> shared, List<Run> graalpy) {
        Runs() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * One run on each side (GraalPy only when the model is there), each after {@code idleMs} of rest, in an
     * order rotated by {@code turn}: each side follows each other side equally often (what a GraalPy job
     * leaves behind, JIT compilations and the next context's preparation, weighs on whatever runs next).
     */
    void runAll(Models models, String configJson, Map<String, Object> config, long idleMs, Runs into, int turn) {
        String[] args = configJson.isEmpty() ? new String[0] : new String[] {configJson};
        List<Runnable> order = new ArrayList<>(List.of(
                () -> into.own().add(Bench.checked(own.run(models.script(), args))),
                () -> into.cpython().add(Bench.checked(cpython.run(models.cpythonId(), config))),
                () -> into.shared().add(Bench.checked(shared.run(models.script(), args)))));
        if (models.graalpyId() != null) {
            order.add(() -> into.graalpy().add(Bench.checked(graalpy.run(models.graalpyId(), config))));
        }
        Collections.rotate(order, -(turn % order.size()));
        for (Runnable run : order) {
            Machine.sleep(idleMs);
            run.run();
        }
    }

    /** Jobs per second with 2 in flight, and CPU milliseconds per job (the JVM's and its reaped children's). */
    static double[] jobsPerSecond(int jobs, Supplier<CompletableFuture<Run>> startOne) {
        List<CompletableFuture<Run>> started = new ArrayList<>();
        long cpu = Machine.processCpuNanos() + Machine.childCpuNanos();
        double rate = ThroughputSection.jobsPerSecond(jobs, 2, () -> {
            CompletableFuture<Run> run = startOne.get();
            started.add(run);
            return run;
        });
        cpu = Machine.processCpuNanos() + Machine.childCpuNanos() - cpu;
        started.forEach(run -> Bench.checked(run.join()));
        return new double[] {rate, cpu / 1e6 / jobs};
    }

    /** Wall seconds and the kernel's own seconds per run (sandbox runs: from the job's log; bare runs: runner null). */
    static List<double[]> timings(OurRunner runner, List<Run> runs) {
        return runs.stream().map(r -> new double[] {r.doneMs() / 1000,
                runner == null ? r.inProcessMs() / 1000 : inProcessSeconds(runner, r)}).toList();
    }

    /** The kernel's own wall time from its {@code inproc_ms} line in the job's log. */
    private static double inProcessSeconds(OurRunner runner, Run run) {
        for (LogLine line : runner.sandbox().jobs().logs(run.jobId(), LogQuery.all())) {
            if (line.message().startsWith(IN_PROCESS)) {
                return Double.parseDouble(line.message().substring(IN_PROCESS.length()).strip()) / 1000;
            }
        }
        return Double.NaN;
    }
}
