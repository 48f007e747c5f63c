package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxBuilder;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./sandbox bench --nodes-only}: what a shared PostgreSQL queue costs against the single node on an H2 file
 * that users run by default: submit to first log line (heard by the submitting node, whichever node runs the job)
 * and jobs per second with 40 submitted at once, on one node with H2, one node with PostgreSQL and two nodes on
 * PostgreSQL (jobs sent to them in turn). The two nodes are two Sandboxes in this JVM on the same cores, so they
 * show what sharing costs, not what a second machine adds.
 */
final class NodesSection {
    static final List<String> HEADER = List.of("section", "metric", "H2, one node (baseline)", "PostgreSQL, one node",
            "PostgreSQL, two nodes", "two nodes vs baseline");
    static final int POOL = 2;
    static final int WARM_UP_JOBS = 10;
    static final int LATENCY_JOBS = 30;
    static final int BURST_JOBS = 40;
    static final int BURSTS = 3;
    private static final String MODEL = "print('hello')\n";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Between latency jobs: time for the job thread to prepare its next context, as between a user's clicks. */
    static final long PAUSE_MS = 300;

    private NodesSection() {
    }

    /** One set-up: its nodes, the model on them, and when each job's first line reached the node that sent it. */
    private static final class Setup implements AutoCloseable {
        final List<Sandbox> nodes = new ArrayList<>();
        final Map<String, Long> firstLineNanos = new ConcurrentHashMap<>();
        String modelId;

        JobListener listener() {
            return new JobListener() {
                @Override
                public void onLog(LogEvent event) {
                    if (event.seq() == 1) {
                        firstLineNanos.putIfAbsent(event.jobId(), System.nanoTime());
                    }
                }
            };
        }

        void add(SandboxBuilder builder) {
            nodes.add(builder.poolSize(POOL).maxQueueLength(10_000).listener(listener()).build());
            if (modelId == null) {
                Model model = nodes.get(0).models().upload(ModelUpload.of("hello.py", MODEL.getBytes(StandardCharsets.UTF_8),
                        ModelType.DMO));
                modelId = model.id();
            }
        }

        Sandbox node(int i) {
            return nodes.get(i % nodes.size());
        }

        @Override
        public void close() {
            nodes.forEach(Sandbox::close);
        }
    }

    record Measured(List<Double> firstLineMs, List<Double> jobsPerSecond) {
    }

    static void run(Bench bench, Table table) {
        Path folder = bench.workDirectory().resolve("nodes");
        TestPostgres postgres = TestPostgres.get();
        List<Setup> setups = List.of(new Setup(), new Setup(), new Setup());
        try {
            System.err.println("nodes: starting H2, one node; PostgreSQL, one node; PostgreSQL, two nodes...");
            setups.get(0).add(Sandbox.builder().dataDirectory(folder.resolve("h2")));
            TestPostgres.Database one = postgres.newDatabase();
            setups.get(1).add(Sandbox.builder().dataDirectory(folder.resolve("pg-one"))
                    .database(one.url(), one.user(), one.password()).nodeId("pg-one"));
            TestPostgres.Database two = postgres.newDatabase();
            for (String id : List.of("pg-a", "pg-b")) {
                setups.get(2).add(Sandbox.builder().dataDirectory(folder.resolve(id))
                        .database(two.url(), two.user(), two.password()).nodeId(id));
            }
            List<Measured> results = measure(setups);
            addRows(table, results);
        } finally {
            setups.forEach(Setup::close);
        }
    }

    /** The lines of the block's facts that say how this section measures (after the command, machine and JDK). */
    static String facts(RuntimeInfo runtime, String runtimeMode) {
        return String.join("\n",
                "- ours: " + runtime.implementation() + ", Python " + runtime.pythonVersion() + ", " + runtimeMode
                        + "; each node a Sandbox of its own in this JVM (pool " + POOL + ", learned imports),"
                        + " the model `print('hello')`, " + WARM_UP_JOBS + " warm-up jobs per set-up",
                "- baseline: one node on an H2 file (`WRITE_DELAY=0`), as `./sandbox serve` runs by default; PostgreSQL: "
                        + "a throwaway server of Debian's package on loopback (`fsync=off`, as the tests start it), one "
                        + "database per set-up; the two nodes share the JVM and the machine's cores",
                "- first line: submit to the submitting node's listener hearing seq 1 (from the other node through the"
                        + " database when that one ran it), jobs sent to the nodes in turn, " + PAUSE_MS
                        + " ms apart (so that a prepared context waits for each, as between a user's clicks); throughput: "
                        + BURST_JOBS + " jobs submitted at once, in turn, until every handle completed; the three"
                        + " set-ups are up side by side in this JVM and take turns job by job (burst by burst), the order"
                        + " rotated each round");
    }

    private static void addRows(Table table, List<Measured> results) {
        String latency = "shared queue: first line (" + LATENCY_JOBS + " jobs one at a time)";
        for (int p : new int[] {50, 90}) {
            List<String> cells = new ArrayList<>(List.of(latency, "submit to first log line p" + p + " (ms)"));
            results.forEach(r -> cells.add(Table.number(Stats.percentile(r.firstLineMs(), p), 1)));
            cells.add(ratio(Stats.percentile(results.get(2).firstLineMs(), p), Stats.percentile(results.get(0).firstLineMs(), p)));
            table.add(cells);
        }
        List<String> cells = new ArrayList<>(List.of("shared queue: throughput (" + BURST_JOBS + " jobs at once, "
                + BURSTS + " bursts)", "jobs per second, median burst"));
        results.forEach(r -> cells.add(Table.number(Stats.median(r.jobsPerSecond()), 1)));
        cells.add(ratio(Stats.median(results.get(0).jobsPerSecond()), Stats.median(results.get(2).jobsPerSecond())));
        table.add(cells);
    }

    /** "1.4x the time" of the baseline: above 1 is slower. */
    private static String ratio(double ours, double baseline) {
        return Table.number(ours / baseline, 2) + "x the time";
    }

    /** The set-ups take turns, in an order rotated each round, so that none alone pays for the JIT's warm-up. */
    private static List<Measured> measure(List<Setup> setups) {
        List<List<Double>> firstLine = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        for (Setup setup : setups) {
            firstLine.add(new ArrayList<>());
            rates.add(new ArrayList<>());
            for (int i = 0; i < WARM_UP_JOBS; i++) {
                finished(setup.node(i).jobs().execute(ExecutionRequest.of(setup.modelId)));
            }
        }
        System.err.println("nodes: first lines...");
        for (int i = 0; i < LATENCY_JOBS; i++) {
            for (int k = 0; k < setups.size(); k++) {
                int s = (i + k) % setups.size();
                Setup setup = setups.get(s);
                long submitted = System.nanoTime();
                Job job = finished(setup.node(i).jobs().execute(ExecutionRequest.of(setup.modelId)));
                firstLine.get(s).add((awaitFirstLine(setup, job.id()) - submitted) / 1e6);
                pause();
            }
        }
        System.err.println("nodes: bursts...");
        for (int burst = 0; burst < BURSTS; burst++) {
            for (int k = 0; k < setups.size(); k++) {
                int s = (burst + k) % setups.size();
                rates.get(s).add(burst(setups.get(s)));
            }
        }
        List<Measured> results = new ArrayList<>();
        for (int s = 0; s < setups.size(); s++) {
            results.add(new Measured(firstLine.get(s), rates.get(s)));
        }
        return results;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double burst(Setup setup) {
        long start = System.nanoTime();
        List<JobHandle> handles = new ArrayList<>();
        for (int i = 0; i < BURST_JOBS; i++) {
            handles.add(setup.node(i).jobs().execute(ExecutionRequest.of(setup.modelId)));
        }
        handles.forEach(NodesSection::finished);
        return BURST_JOBS / ((System.nanoTime() - start) / 1e9);
    }

    /** The job's first line reaches the submitting node's listeners before the job ends there (events keep order). */
    private static Long awaitFirstLine(Setup setup, String jobId) {
        Long heard = setup.firstLineNanos.remove(jobId);
        if (heard == null) {
            throw new IllegalStateException("job " + jobId + " ended but its first line was never heard");
        }
        return heard;
    }

    private static Job finished(JobHandle handle) {
        Job job = handle.await(TIMEOUT);
        if (job.status() != JobStatus.SUCCESS) {
            throw new IllegalStateException("benchmark job " + job.id() + " failed: " + job.error());
        }
        return job;
    }
}
