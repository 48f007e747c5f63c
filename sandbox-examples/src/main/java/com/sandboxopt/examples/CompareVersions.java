package com.sandboxopt.examples;

import com.sandboxopt.core.AcceptanceRule;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.ExperimentDraft;
import com.sandboxopt.core.ExperimentInput;
import com.sandboxopt.core.ExperimentResult;
import com.sandboxopt.core.ExperimentRun;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Is the new version better? The DMO sample as it is against a variant that explores its blocks in another order
 * (by quantity instead of by price limit), on the bundled market and two generated ones, twice each. The rule: the
 * welfare must not change (the branch and bound is exact either way); the table shows what the order does to the
 * search (iterations) and the run time.
 *
 * <pre>./sandbox example CompareVersions [models]</pre>
 */
public final class CompareVersions {
    /** The line of the sample that orders the blocks, and the variant's. */
    static final String ORDER = "order = sorted(market[\"blocks\"], key=lambda b: -b[\"limit\"])";
    static final String VARIANT = "order = sorted(market[\"blocks\"], key=lambda b: -b[\"qty\"])";
    private static final Duration WAIT = Duration.ofMinutes(5);

    private CompareVersions() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException, InterruptedException {
        Path models = Path.of(args.length > 0 ? args[0] : "models");
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(Files.createTempDirectory("sandbox-compare-")).build()) {
            String source = Files.readString(models.resolve("sample_dmo_model.py"));
            if (!source.contains(ORDER)) {
                System.err.println("sample_dmo_model.py no longer orders its blocks with: " + ORDER);
                return 2;
            }
            Model current = upload(sandbox, source);
            Model variant = upload(sandbox, source.replace(ORDER, VARIANT));
            try (DataSourceDraft draft = sandbox.dataSources().draft("dmo-market", "the bundled day-ahead market");
                 Stream<Path> files = Files.list(models.resolve("data").resolve("dmo"))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    draft.addFile(file);
                }
                draft.commit();
            }
            List<ExperimentInput> inputs = List.of(
                    new ExperimentInput("bundled", "dmo-market", null, Map.of("writeFiles", false)),
                    new ExperimentInput("generated-7", null, null, Map.of("seed", 7, "blocks", 14, "writeFiles", false)),
                    new ExperimentInput("generated-42", null, null, Map.of("seed", 42, "blocks", 14,
                            "writeFiles", false)));
            Experiment experiment = sandbox.experiments().create(new ExperimentDraft("block order by quantity",
                    List.of(current.id(), variant.id()), inputs, 2, current.id(),
                    List.of(new AcceptanceRule("welfare", AcceptanceRule.Direction.EQUAL, 1e-6))), null);
            System.out.println("Experiment " + experiment.id() + ": " + experiment.runs().size() + " runs");
            for (ExperimentRun run : experiment.runs()) { // a run ended already has no handle left
                sandbox.jobs().handle(run.jobId()).ifPresent(job -> job.await(WAIT));
            }
            experiment = sandbox.experiments().get(experiment.id());
            print(experiment, current, variant);
            return Boolean.TRUE.equals(experiment.passed()) ? 0 : 1;
        }
    }

    private static Model upload(Sandbox sandbox, String source) {
        return sandbox.models().upload(ModelUpload.of("sample_dmo_model.py", source.getBytes(StandardCharsets.UTF_8),
                ModelType.DMO));
    }

    private static void print(Experiment experiment, Model current, Model variant) {
        System.out.printf(Locale.ROOT, "%-13s %-12s %16s %16s %12s  %s%n", "input", "metric", "v" + current.version()
                + " (baseline)", "v" + variant.version() + " (variant)", "delta", "verdict");
        for (ExperimentResult row : experiment.summary()) {
            if (!row.modelId().equals(variant.id()) || !List.of("welfare", "iterations", "duration_ms")
                    .contains(row.metric())) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-13s %-12s %16.2f %16.2f %12.2f  %s%n", row.input(), row.metric(),
                    row.baseline(), row.value(), row.delta(), row.verdict());
        }
        experiment.failures().forEach(failure -> System.out.println("FAILED: " + failure));
        System.out.println("passed: " + experiment.passed() + ", reproducible: " + experiment.reproducible()
                + (experiment.difference() == null ? "" : " (" + experiment.difference() + ")"));
    }
}
