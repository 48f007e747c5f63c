package com.sandboxopt.core.internal.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * A running job's time: wall time since it started (and until its deadline), and CPU time of its code (its thread or
 * its processes) plus its solves (a solve runs elsewhere, on as many threads as it was given).
 */
final class JobClock {

    long elapsedNanos(JobRun run) {
        return System.nanoTime() - run.startNanos();
    }

    /** CPU used so far, or -1 when the job's code cannot be measured. */
    long cpuNanos(JobRun run) {
        long own = run.executionCpuNanos();
        return own < 0 ? -1 : own + run.solverCpuNanos();
    }

    /** How long a solve on {@code solverThreads} threads may take before the job passes a time limit; zero when none is left. */
    Duration remaining(JobRun run, int solverThreads) {
        long wallLeft = run.limits().wallTime().toNanos() - elapsedNanos(run);
        if (run.deadline() != null) {
            wallLeft = Math.min(wallLeft, Deadlines.nanosUntil(run.deadline(), Instant.now()));
        }
        long cpu = cpuNanos(run);
        long cpuLeft = cpu < 0 ? Long.MAX_VALUE : (run.limits().cpuTime().toNanos() - cpu) / solverThreads;
        long left = Math.min(wallLeft, cpuLeft);
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
