package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.solver.ortools.OrToolsSolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Uploads a model file from disk, runs it and prints every event to the console.
 *
 * <pre>./sandbox run models/sample_dmo_model.py [--type DMO] [--config '{"hours": 12}'] [--data-dir data] [--package DIR]...</pre>
 *
 * Models may import Debian's PuLP when it is installed ({@code apt-get install python3-pulp}) and
 * the packages named with {@code --package}, and solve with OR-Tools. Exits 0 when the job
 * succeeds, 1 when it does not, 2 on bad arguments or a rejected model.
 */
public final class RunModelFromDisk {
    private RunModelFromDisk() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: run <model.py> [--type DMO|RMO|SO] [--config JSON] [--data-dir DIR] [--package DIR]...");
            return 2;
        }
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(arguments.dataDir()).listener(new ConsolePrinter())
                .packages(arguments.packages()).solver(OrToolsSolver.create()).build()) {
            System.out.println("Packages: " + (sandbox.packageFolders().isEmpty() ? "none" : sandbox.packageFolders()));
            Model model = sandbox.models().upload(ModelUpload.of(arguments.file().getFileName().toString(),
                    Files.readAllBytes(arguments.file()), arguments.type()));
            System.out.println("Uploaded " + model.name() + " (id " + model.id() + "); runs on " + model.runtime().wireName()
                    + " (" + model.runtimeReason() + ")");
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfigJson(arguments.config()))
                    .await(Duration.ofHours(1));
            System.out.println("Job " + job.id() + " ended " + job.status().wireName()
                    + job.times().duration().map(d -> " after " + d.toMillis() + " ms").orElse("")
                    + (job.result() != null ? "; result: " + job.result() : ""));
            System.out.println("Log file: " + sandbox.jobs().logFile(job.id()));
            return job.status() == JobStatus.SUCCESS ? 0 : 1;
        } catch (SandboxException e) {
            System.err.println("Rejected (" + e.code() + "): " + e.getMessage());
            return 2;
        }
    }

    /** Prints events as they arrive. */
    static final class ConsolePrinter implements JobListener {
        @Override
        public void onStarted(JobStarted event) {
            System.out.println("started  " + event.jobId() + " " + event.modelName());
        }

        @Override
        public void onLog(LogEvent event) {
            System.out.printf("%5d %-7s %s%n", event.seq(), event.level(), event.message());
        }

        @Override
        public void onMetric(MetricEvent event) {
            System.out.printf(Locale.ROOT, "      metric  %s = %s%s%n", event.name(), event.value(),
                    event.step() == null ? "" : " (step " + event.step() + ")");
        }

        @Override
        public void onCompleted(JobCompleted event) {
            System.out.println("completed " + event.jobId() + " " + event.status().wireName());
        }

        @Override
        public void onFailed(JobFailed event) {
            System.out.println("failed   " + event.jobId() + " " + event.status().wireName() + ": " + event.error());
        }
    }

    record Arguments(Path file, ModelType type, String config, Path dataDir, List<Path> packages) {
        static final Path DEBIAN_PULP = Path.of("/usr/lib/python3/dist-packages/pulp");

        static Arguments parse(String[] args) {
            Path file = null;
            ModelType type = null;
            String config = "{}";
            Path dataDir = Path.of("data");
            List<Path> packages = new ArrayList<>();
            if (Files.isRegularFile(DEBIAN_PULP.resolve("__init__.py"))) {
                packages.add(DEBIAN_PULP);
            }
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--type" -> type = ModelType.parse(value(args, ++i, "--type"));
                    case "--config" -> config = value(args, ++i, "--config");
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--package" -> packages.add(Path.of(value(args, ++i, "--package")));
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("Unknown argument: " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("Name the model file to run");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No such file: " + file.toAbsolutePath());
            }
            return new Arguments(file, type != null ? type : guessType(file), config, dataDir, packages);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** sample_rmo_model.py runs as RMO, sample_so_model.py as SO, anything else as DMO. */
        private static ModelType guessType(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.contains("rmo")) {
                return ModelType.RMO;
            }
            return name.contains("_so_") || name.startsWith("so_") ? ModelType.SO : ModelType.DMO;
        }
    }
}
