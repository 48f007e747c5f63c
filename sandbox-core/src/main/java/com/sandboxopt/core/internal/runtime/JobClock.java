package com.sandboxopt.core.internal.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * A running job's time: wall time since it started, and CPU time of its thread plus its solves
 * (a solve runs outside the job's thread, on as many threads as it was given).
 */
final class JobClock {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    long elapsedNanos(JobRun run) {
        return System.nanoTime() - run.startNanos();
    }

    /** CPU used so far, or -1 when the job's thread cannot be measured. */
    long cpuNanos(JobRun run) {
        Thread thread = run.thread();
        long own = thread == null ? -1 : threads.getThreadCpuTime(thread.getId());
        return own < 0 ? -1 : own - run.startCpuNanos() + run.solverCpuNanos();
    }

    /** How long a solve on {@code solverThreads} threads may take before the job passes a time limit; zero when none is left. */
    Duration remaining(JobRun run, int solverThreads) {
        long wallLeft = run.limits().wallTime().toNanos() - elapsedNanos(run);
        long cpu = cpuNanos(run);
        long cpuLeft = cpu < 0 ? Long.MAX_VALUE : (run.limits().cpuTime().toNanos() - cpu) / solverThreads;
        long left = Math.min(wallLeft, cpuLeft);
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
