package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a runaway model ({@code while True: pass}) twice: once by a short wall-clock and CPU time
 * limit (it ends {@code timed_out}), once by cancelling it through its handle ({@code cancelled}).
 *
 * <pre>./sandbox example LimitsTimeoutAndCancel</pre>
 */
public final class LimitsTimeoutAndCancel {
    private static final String RUNAWAY = """
            print("spinning forever")
            while True:
                pass
            """;

    private LimitsTimeoutAndCancel() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException, InterruptedException {
        Map<String, CountDownLatch> firstLine = new ConcurrentHashMap<>(); // opens when a job prints
        JobListener printed = new JobListener() {
            @Override
            public void onLog(LogEvent event) {
                latch(firstLine, event.jobId()).countDown();
            }
        };
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase().poolSize(2).listener(printed)
                .dataDirectory(Files.createTempDirectory("sandbox-example-")).build()) {
            Model model = sandbox.models().upload(ModelUpload.of("runaway.py",
                    RUNAWAY.getBytes(StandardCharsets.UTF_8), ModelType.SO));

            // Limits per request; the builder's defaultLimits(...) would set them for every job.
            Limits tight = Limits.defaults().withWallTime(Duration.ofSeconds(3)).withCpuTime(Duration.ofSeconds(2));
            JobHandle limited = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withLimits(tight));
            JobHandle cancelled = sandbox.jobs().execute(ExecutionRequest.of(model.id()));

            latch(firstLine, cancelled.jobId()).await(1, TimeUnit.MINUTES); // it is in its loop now
            cancelled.cancel();

            Job timedOut = limited.await(Duration.ofMinutes(1));
            Job stopped = cancelled.await(Duration.ofMinutes(1));
            print("With limits:  ", timedOut);
            print("Cancelled:    ", stopped);
            return timedOut.status() == JobStatus.TIMED_OUT && stopped.status() == JobStatus.CANCELLED ? 0 : 1;
        }
    }

    private static CountDownLatch latch(Map<String, CountDownLatch> latches, String jobId) {
        return latches.computeIfAbsent(jobId, id -> new CountDownLatch(1));
    }

    private static void print(String label, Job job) {
        System.out.println(label + job.id() + " ended " + job.status().wireName()
                + job.times().duration().map(d -> " after " + d.toMillis() + " ms").orElse("") + ": " + job.error());
    }
}
