package com.sandboxopt.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of an experiment: a model on an input, one repetition, and what it measured.
 *
 * @param durationMs its run time once ended; null before
 * @param metrics    every number of its result (nested keys joined with dots), the last value of each metric it
 *                   reported, and what the sandbox measured: {@code duration_ms}, {@code cpu_ms} and
 *                   {@code peak_memory_bytes} (the last two when known, see {@link JobUsage}); empty until it succeeded
 * @param result     its result as the model passed it (for the reproducibility check); null until it succeeded
 */
public record ExperimentRun(String modelId, String input, int repetition, String jobId, JobStatus status,
                            Long durationMs, Map<String, Double> metrics, Object result) {
    public ExperimentRun {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
