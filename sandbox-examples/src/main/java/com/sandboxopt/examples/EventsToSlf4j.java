package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams every job event to an SLF4J logger (here slf4j-simple, which writes to standard error)
 * and draws a progress bar line for each progress event.
 *
 * <pre>./sandbox example EventsToSlf4j [models/sample_so_model.py]</pre>
 */
public final class EventsToSlf4j {
    private EventsToSlf4j() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "models/sample_so_model.py");
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase()
                .dataDirectory(Files.createTempDirectory("sandbox-example-"))
                .listener(new Slf4jListener(LoggerFactory.getLogger("sandbox.jobs")))
                .build()) {
            Model model = sandbox.models().upload(ModelUpload.of(file.getFileName().toString(),
                    Files.readAllBytes(file), ModelType.SO));
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())
                    .withConfigJson("{\"generators\": 3, \"hours\": 4}")).await(Duration.ofMinutes(5));
            return job.status() == JobStatus.SUCCESS ? 0 : 1;
        }
    }

    /** Maps each event to a log call; the model's own levels become SLF4J levels. */
    static final class Slf4jListener implements JobListener {
        private static final int BAR_WIDTH = 20;
        private final Logger log;

        Slf4jListener(Logger log) {
            this.log = log;
        }

        @Override
        public void onStarted(JobStarted event) {
            log.info("{} started ({})", event.jobId(), event.modelName());
        }

        @Override
        public void onLog(LogEvent event) {
            switch (event.level()) {
                case DEBUG -> log.debug("{} | {}", event.jobId(), event.message());
                case WARNING -> log.warn("{} | {}", event.jobId(), event.message());
                case ERROR -> log.error("{} | {}", event.jobId(), event.message());
                default -> log.info("{} | {}", event.jobId(), event.message());
            }
        }

        @Override
        public void onProgress(ProgressEvent event) {
            log.info("{} {} {}", event.jobId(), bar(event.fraction()), event.message() == null ? "" : event.message());
        }

        @Override
        public void onMetric(MetricEvent event) {
            log.info("{} metric {} = {} (step {})", event.jobId(), event.name(), event.value(), event.step());
        }

        @Override
        public void onCompleted(JobCompleted event) {
            log.info("{} ended {}", event.jobId(), event.status().wireName());
        }

        @Override
        public void onFailed(JobFailed event) {
            log.warn("{} ended {}: {}", event.jobId(), event.status().wireName(), event.error());
        }

        /** {@code [##########          ]  50%} */
        static String bar(double fraction) {
            int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
            return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                    + String.format(java.util.Locale.ROOT, "%3d%%", Math.round(fraction * 100));
        }
    }
}
