package com.sandboxopt.core;

import java.time.Instant;

/**
 * One stored point of a named number a job reported ({@code sandbox.metric}, or the solver's {@code mip_*}).
 *
 * @param seq       1, 2, 3, ... per job, in the order they were reported
 * @param step      the step the model gave, or null
 */
public record Metric(String jobId, long seq, String name, double value, Long step, Instant timestamp) {
    /** Points stored per job: enough for a chart of every iteration of a long solve; later ones still reach listeners. */
    public static final int MAX_STORED_PER_JOB = 10_000;
}
