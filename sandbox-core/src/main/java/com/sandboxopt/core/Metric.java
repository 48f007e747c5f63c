package com.sandboxopt.core;

import java.time.Instant;

/**
 * One stored point of a named number a job reported ({@code sandbox.metric}, or the solver's {@code mip_*}).
 *
 * @param seq       1, 2, 3, ... per job, in the order they were reported
 * @param step      the step the model gave, or null
 */
public record Metric(String jobId, long seq, String name, double value, Long step, Instant timestamp) {
}
