package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Keeps models, jobs and log lines in the H2 file database of a data folder: runs a job, closes
 * the Sandbox, builds a new one on the same folder (as after a restart) and reads it all back.
 * Run it twice on the same folder to see the history grow.
 *
 * <pre>./sandbox example PersistentHistory [data-dir]</pre>   (default: a new temporary folder)
 */
public final class PersistentHistory {
    private static final String MODEL = """
            import sandbox
            print(f"Hello from {sandbox.job_id}, config {sandbox.config}")
            sandbox.log("WARNING", "a warning is kept with its level")
            sandbox.result({"answer": 42})
            """;

    private PersistentHistory() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sandbox-history-");
        String jobId;
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(dataDir).build()) {
            Model model = sandbox.models().upload(ModelUpload.of("hello.py", MODEL.getBytes(StandardCharsets.UTF_8), ModelType.SO));
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(Map.of("run", "before restart")))
                    .await(Duration.ofMinutes(5));
            jobId = job.id();
            System.out.println("Ran " + jobId + ": " + job.status().wireName() + ", then closed the Sandbox");
        }

        try (Sandbox sandbox = Sandbox.builder().dataDirectory(dataDir).build()) {
            System.out.println("--- after the restart, from " + dataDir.toAbsolutePath());
            for (Model model : sandbox.models().list(ModelQuery.all())) {
                System.out.println("model " + model.name() + " " + model.status().wireName()
                        + ", " + model.sizeBytes() + " bytes");
            }
            for (Job job : sandbox.jobs().list(JobQuery.latest(10))) {
                System.out.println("job   " + job.id() + " " + job.status().wireName() + ", "
                        + job.outcome().lineCount() + " lines, result " + job.result());
            }
            System.out.println("lines of " + jobId + ":");
            for (LogLine line : sandbox.jobs().logs(jobId, LogQuery.all())) {
                System.out.printf("%5d %-7s %s%n", line.seq(), line.level(), line.message());
            }
            Path logFile = sandbox.jobs().logFile(jobId);
            System.out.println("log file " + logFile + (Files.exists(logFile) ? "" : " (missing)"));
        }
        return 0;
    }
}
