package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.solver.ortools.OrToolsSolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the PuLP market-clearing sample: Debian's PuLP as a read-only package folder, and
 * OR-Tools as the solver behind PuLP's unmodified {@code prob.solve()}. Prints the MIP's progress
 * as it arrives and the hourly prices (the duals of the balance constraints) at the end.
 *
 * <pre>./sandbox example SolveWithPulp [models/pulp_dmo_market_clearing.py] [hours]</pre>
 * Needs {@code apt-get install python3-pulp}.
 */
public final class SolveWithPulp {
    static final Path DEBIAN_PULP = Path.of("/usr/lib/python3/dist-packages/pulp");

    private SolveWithPulp() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "models/pulp_dmo_market_clearing.py");
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        if (!Files.isDirectory(DEBIAN_PULP)) {
            System.err.println("This example needs Debian's PuLP: apt-get install python3-pulp");
            return 2;
        }
        JobListener progress = new JobListener() {
            @Override
            public void onMetric(MetricEvent event) {
                if (event.name().startsWith("mip_")) {
                    System.out.printf(Locale.ROOT, "  %-13s %,.2f%n", event.name(), event.value());
                }
            }
        };
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase()
                .dataDirectory(Files.createTempDirectory("sandbox-example-"))
                .packages(DEBIAN_PULP)                 // import pulp
                .solver(OrToolsSolver.create())        // prob.solve() on the host
                .listener(progress).build()) {
            Model model = sandbox.models().upload(ModelUpload.of(file.getFileName().toString(), Files.readAllBytes(file), ModelType.DMO));
            Map<String, Object> config = Map.of("hours", hours, "msg", false);
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(config)).await(Duration.ofMinutes(5));
            if (job.status() != JobStatus.SUCCESS) {
                System.out.println("Job " + job.id() + " ended " + job.status().wireName() + ": " + job.error());
                return 1;
            }
            Map<?, ?> result = (Map<?, ?>) job.result();
            System.out.printf(Locale.ROOT, "%s, welfare %,.2f EUR, accepted blocks %s%n", result.get("status"),
                    ((Number) result.get("objective")).doubleValue(), result.get("acceptedBlocks"));
            List<?> prices = (List<?>) result.get("prices");
            for (int h = 0; h < prices.size(); h++) {
                System.out.printf(Locale.ROOT, "  hour %2d  %8.2f EUR/MWh%n", h + 1, ((Number) prices.get(h)).doubleValue());
            }
            return 0;
        }
    }
}
