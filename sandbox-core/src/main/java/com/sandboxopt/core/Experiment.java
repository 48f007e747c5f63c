package com.sandboxopt.core;

import java.time.Instant;
import java.util.List;

/**
 * An experiment as it stands: its runs (jobs) and, as they end, the summary against the baseline.
 *
 * @param status        {@code running} while a run has not ended, then {@code completed}; {@code cancelled} once
 *                      cancelled
 * @param passed        whether every verdict passed; null while running (or without any rule that applied)
 * @param reproducible  whether repetitions of a model on an input gave identical results; null with one repetition
 *                      or while running
 * @param difference    when not reproducible, the first result key that differed and where; null otherwise
 * @param failures      each failed verdict in words (the metric, the input, the values and the rule)
 */
public record Experiment(String id, ExperimentDraft definition, String owner, Instant createdAt, String status,
                         List<ExperimentRun> runs, List<ExperimentResult> summary, Boolean passed,
                         Boolean reproducible, String difference, List<String> failures) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";

    public Experiment {
        runs = List.copyOf(runs);
        summary = List.copyOf(summary);
        failures = List.copyOf(failures);
    }

    public String name() {
        return definition.name();
    }
}
