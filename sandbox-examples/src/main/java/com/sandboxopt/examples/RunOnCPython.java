package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a numpy/pandas/SciPy model (the economic dispatch sample) on the {@code cpython} runtime:
 * uploaded with the default runtime, {@code auto}, the sandbox picks CPython in bubblewrap (the faster
 * runtime, and the one that has numpy) and says why. Prints the runtime and why, the job's log and its
 * result (the objective and the system marginal price per hour).
 *
 * <pre>./sandbox example RunOnCPython [models/scipy_economic_dispatch.py] [hours]</pre>
 * Needs bubblewrap and Debian's python3 with numpy, pandas and SciPy:
 * {@code apt-get install bubblewrap python3-numpy python3-pandas python3-scipy}.
 */
public final class RunOnCPython {
    private RunOnCPython() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "models/scipy_economic_dispatch.py");
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase()
                .dataDirectory(Files.createTempDirectory("sandbox-example-")).build()) {
            RuntimeStatus cpython = sandbox.runtimes().stream().filter(s -> s.kind() == RuntimeKind.CPYTHON)
                    .findFirst().orElse(null);
            if (cpython == null || !cpython.available()) {
                System.out.println("The cpython runtime is not available here: "
                        + (cpython == null ? "this sandbox has no such runtime" : cpython.reason()));
                return 2;
            }
            System.out.println("Runtime available: " + cpython.version());

            // No withRuntime(...): the upload gets the sandbox's default, auto, which reads the imports.
            Model model = sandbox.models().upload(ModelUpload.of(file.getFileName().toString(),
                    Files.readAllBytes(file), ModelType.DMO));
            System.out.println("Model " + model.name() + " runs on " + model.runtime().wireName()
                    + " (" + model.runtimeReason() + ")");

            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(Map.of("hours", hours)))
                    .await(Duration.ofMinutes(5));
            System.out.println("Job " + job.id() + " on " + job.placement().runtime().wireName() + ", log:");
            for (LogLine line : sandbox.jobs().logs(job.id(), LogQuery.all())) {
                System.out.printf(Locale.ROOT, "  %4d %-7s %s%n", line.seq(), line.level(), line.message());
            }
            if (job.status() != JobStatus.SUCCESS) {
                System.out.println("Job " + job.id() + " ended " + job.status().wireName() + ": " + job.error());
                return 1;
            }
            Map<?, ?> result = (Map<?, ?>) job.result();
            System.out.printf(Locale.ROOT, "Job %s ended %s: %s, cost %,.2f EUR%n", job.id(), job.status().wireName(),
                    result.get("status"), ((Number) result.get("objective")).doubleValue());
            List<?> prices = (List<?>) result.get("prices");
            List<?> setBy = (List<?>) result.get("priceSetter");
            for (int h = 0; h < prices.size(); h++) {
                System.out.printf(Locale.ROOT, "  hour %2d  %8.2f EUR/MWh  %s%n", h, ((Number) prices.get(h)).doubleValue(),
                        setBy.get(h));
            }
            return 0;
        }
    }
}
