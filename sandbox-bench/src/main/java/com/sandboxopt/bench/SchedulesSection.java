package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./sandbox bench --schedules-only}: how late a scheduled job's first line comes after its fire time, with
 * 1,000 other schedules defined, against a job started by hand (execute to first line); and what those 1,000
 * schedules cost an idle server: the process's CPU over a quiet minute with and without them.
 */
final class SchedulesSection {
    static final List<String> HEADER = List.of("section", "metric", "ours: scheduled", "baseline", "ours vs baseline");
    static final int DEFINED = 1_000;
    static final int FIRINGS = 20;
    static final Duration IDLE = Duration.ofSeconds(30);
    private static final String MODEL = "print('hello')\n";

    private SchedulesSection() {
    }

    static void run(Bench bench, Table table) throws InterruptedException {
        Map<String, Long> firstLineMillis = new ConcurrentHashMap<>();
        JobListener listener = new JobListener() {
            @Override
            public void onLog(LogEvent event) {
                if (event.seq() == 1) {
                    firstLineMillis.putIfAbsent(event.jobId(), System.currentTimeMillis());
                }
            }
        };
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(bench.workDirectory().resolve("schedules"))
                .poolSize(2).listener(listener).build()) {
            Model model = sandbox.models().upload(ModelUpload.of("hello.py", MODEL.getBytes(StandardCharsets.UTF_8),
                    ModelType.RMO));
            List<Double> byHand = new ArrayList<>();
            for (int i = 0; i < FIRINGS + 5; i++) {
                long asked = System.currentTimeMillis();
                Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(1));
                if (i >= 5) { // the first ones warm the runtime up
                    byHand.add((double) (firstLineMillis.get(job.id()) - asked));
                }
                Thread.sleep(300);
            }
            System.err.println("schedules: idle, no schedules...");
            double idleWithout = idleCpuSeconds();
            System.err.println("schedules: defining " + DEFINED + " schedules...");
            for (int i = 0; i < DEFINED; i++) {
                sandbox.schedules().create(ScheduleDraft.cron("yearly " + i, model.id(), "0 " + (i % 60) + " 3 1 1 *")
                        .withTimezone("Europe/Berlin"));
            }
            System.err.println("schedules: idle, " + DEFINED + " schedules...");
            double idleWith = idleCpuSeconds();
            System.err.println("schedules: " + FIRINGS + " firings every 2 s...");
            Schedule every = sandbox.schedules().create(ScheduleDraft.cron("every two seconds", model.id(), "*/2 * * * * *"));
            while (sandbox.jobs().list(JobQuery.ofSchedule(every.id(), 100)).stream()
                    .filter(j -> firstLineMillis.containsKey(j.id())).count() < FIRINGS + 2) {
                Thread.sleep(500);
            }
            sandbox.schedules().pause(every.id());
            List<Double> scheduled = new ArrayList<>();
            List<Job> fired = sandbox.jobs().list(JobQuery.ofSchedule(every.id(), 100));
            for (Job job : fired.subList(0, Math.min(FIRINGS, fired.size()))) { // newest first: the first two warm up
                Long line = firstLineMillis.get(job.id());
                if (line != null) {
                    scheduled.add((double) (line - job.origin().scheduledFor().toEpochMilli()));
                }
            }
            for (int p : new int[] {50, 95}) {
                double ours = Stats.percentile(scheduled, p);
                double baseline = Stats.percentile(byHand, p);
                table.add(List.of("schedules: first line (" + DEFINED + " schedules defined)",
                        "fire time (or execute) to first log line p" + p + " (ms)", Table.number(ours, 0),
                        Table.number(baseline, 0), Table.number(ours - baseline, 0) + " ms later"));
            }
            table.add(List.of("schedules: idle cost", "process CPU over " + IDLE.toSeconds() + " s idle (s)",
                    Table.number(idleWith, 2) + " with " + DEFINED, Table.number(idleWithout, 2) + " with none",
                    Table.number(idleWith - idleWithout, 2) + " s"));
        }
    }

    /** The whole process's CPU time over a quiet while. */
    private static double idleCpuSeconds() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        Thread.sleep(2_000);
        long before = os.getProcessCpuTime();
        Thread.sleep(IDLE.toMillis());
        return (os.getProcessCpuTime() - before) / 1e9;
    }

    static String facts() {
        return String.join("\n",
                "- ours: a Sandbox on an H2 file (as `./sandbox serve` runs by default), pool 2, the model"
                        + " `print('hello')`; " + DEFINED + " yearly schedules defined (none due during the run), then one"
                        + " every two seconds: its fire time to the job's first log line, " + FIRINGS + " firings",
                "- baseline: the same model started by hand (execute to first log line, 300 ms apart after 5 warm-up"
                        + " jobs); idle: the bench process's CPU over " + IDLE.toSeconds() + " s with no schedule, then"
                        + " with the " + DEFINED + " (every sandbox of the bench JVM looks for due firings twice a second)",
                "- measured " + Instant.now().toString().substring(0, 10));
    }
}
