package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.ExperimentDraft;
import com.sandboxopt.core.ExperimentInput;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * {@code ./sandbox bench --experiments-only}: what running jobs as an experiment costs against the same jobs started
 * with plain executes: from the first request to the last job's end, per job; the create call itself; and reading
 * the summary of a finished experiment (its jobs, their metrics).
 */
final class ExperimentsSection {
    static final List<String> HEADER = List.of("section", "metric", "ours: experiment", "baseline: plain executes",
            "per job");
    static final int RUNS = 40;
    static final int ROUNDS = 3;
    private static final String MODEL = "import sandbox\nsandbox.result({'objective': sandbox.config.get('i', 0)})\n";

    private ExperimentsSection() {
    }

    static void run(Bench bench, Table table) throws InterruptedException {
        Map<String, Long> ended = new ConcurrentHashMap<>();
        JobListener listener = new JobListener() {
            @Override
            public void onCompleted(JobCompleted event) {
                ended.put(event.jobId(), System.nanoTime());
            }
        };
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(bench.workDirectory().resolve("experiments"))
                .poolSize(2).listener(listener).build()) {
            Model model = sandbox.models().upload(ModelUpload.of("objective.py", MODEL.getBytes(StandardCharsets.UTF_8),
                    ModelType.DMO));
            for (int i = 0; i < 10; i++) { // warm up
                sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(1));
            }
            List<Double> plain = new ArrayList<>();
            List<Double> experiment = new ArrayList<>();
            List<Double> creates = new ArrayList<>();
            List<Double> reads = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                System.err.println("experiments: round " + round + " of " + ROUNDS + "...");
                long start = System.nanoTime();
                List<String> jobs = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    jobs.add(sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(Map.of("i", i))).jobId());
                }
                plain.add(lastEnd(ended, jobs, start));

                List<ExperimentInput> inputs = IntStream.range(0, RUNS)
                        .mapToObj(i -> new ExperimentInput("in" + i, null, null, Map.of("i", i))).toList();
                start = System.nanoTime();
                Experiment created = sandbox.experiments().create(new ExperimentDraft("bench " + round,
                        List.of(model.id()), inputs, 1, null, List.of()), null);
                creates.add((System.nanoTime() - start) / 1e6);
                experiment.add(lastEnd(ended, created.runs().stream().map(r -> r.jobId()).toList(), start));
                long read = System.nanoTime();
                Experiment done = sandbox.experiments().get(created.id());
                reads.add((System.nanoTime() - read) / 1e6);
                if (done.summary().stream().filter(cell -> cell.metric().equals("objective")).count() != RUNS) {
                    throw new IllegalStateException("no objective per input in the summary: " + done.summary());
                }
            }
            double ours = Stats.percentile(experiment, 50);
            double base = Stats.percentile(plain, 50);
            table.add(List.of("experiments: " + RUNS + " runs", "first request to the last job's end, median of "
                    + ROUNDS + " (ms)", Table.number(ours, 0), Table.number(base, 0),
                    (ours >= base ? "+" : "") + Table.number((ours - base) / RUNS, 2) + " ms"));
            table.add(List.of("experiments: " + RUNS + " runs", "the create call (all " + RUNS + " jobs queued), median"
                    + " (ms)", Table.number(Stats.percentile(creates, 50), 1), "", Table.number(
                    Stats.percentile(creates, 50) / RUNS, 2) + " ms"));
            table.add(List.of("experiments: " + RUNS + " runs", "reading the finished experiment (runs, metrics,"
                    + " summary), median (ms)", Table.number(Stats.percentile(reads, 50), 1), "", Table.number(
                    Stats.percentile(reads, 50) / RUNS, 2) + " ms"));
        }
    }

    /** Milliseconds from {@code start} to the end of the last of {@code jobs}, waiting for it. */
    private static double lastEnd(Map<String, Long> ended, List<String> jobs, long start) throws InterruptedException {
        while (!ended.keySet().containsAll(jobs)) {
            Thread.sleep(5);
        }
        return (jobs.stream().mapToLong(ended::get).max().orElseThrow() - start) / 1e6;
    }

    static String facts() {
        return String.join("\n",
                "- a Sandbox on an H2 file, pool 2, the model `sandbox.result({'objective': i})` on the default runtime;"
                        + " after 10 warm-up jobs, " + ROUNDS + " rounds of: " + RUNS + " plain executes submitted at"
                        + " once (the baseline), then one experiment of 1 model x " + RUNS + " config inputs x 1"
                        + " repetition; each timed from the first request to the last job's completion event",
                "- the create call: checks, the experiment's rows, " + RUNS + " jobs queued; reading: `get(id)` of"
                        + " the finished experiment (each job, its metric points, the summary)",
                "- measured " + Instant.now().toString().substring(0, 10));
    }
}
