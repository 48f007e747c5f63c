package com.sandboxopt.examples;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Passes a config to the sample SO model (unit commitment) and reads its result back as plain
 * Java values: {@code Job.result()} is maps, lists, strings, numbers and booleans.
 *
 * <pre>./sandbox example ConfigAndResult [models/sample_so_model.py] [hours]</pre>
 */
public final class ConfigAndResult {
    private ConfigAndResult() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "models/sample_so_model.py");
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        // The model reads this as sandbox.config; its docstring lists the keys. From 15:00 a peaker starts at 18:00.
        Map<String, Object> config = Map.of("generators", 4, "hours", hours, "startHour", 15, "seed", 7);

        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase()
                .dataDirectory(Files.createTempDirectory("sandbox-example-")).build()) {
            Model model = sandbox.models().upload(ModelUpload.of(file.getFileName().toString(),
                    Files.readAllBytes(file), ModelType.SO));
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(config)).await(Duration.ofMinutes(5));
            if (job.status() != JobStatus.SUCCESS) {
                System.out.println("Job " + job.id() + " ended " + job.status().wireName() + ": " + job.error());
                return 1;
            }
            printResult((Map<?, ?>) job.result());
            return 0;
        }
    }

    private static void printResult(Map<?, ?> result) {
        System.out.printf(Locale.ROOT, "Total cost: %,.2f $ with %s start-ups%n",
                number(result.get("totalCost")), result.get("startups"));
        Map<?, ?> breakdown = (Map<?, ?>) result.get("costBreakdown");
        breakdown.forEach((key, amount) -> System.out.printf(Locale.ROOT, "  %-18s %,14.2f $%n", key, number(amount)));
        System.out.println("Schedule (one digit per unit, 1 = online):");
        for (Object entry : (List<?>) result.get("hours")) {
            Map<?, ?> hour = (Map<?, ?>) entry;
            System.out.printf(Locale.ROOT, "  hour %2s  load %5s MW  online %s%n",
                    hour.get("hour"), hour.get("load"), hour.get("online"));
        }
    }

    /** JSON numbers arrive as Integer, Long or Double depending on their value. */
    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
