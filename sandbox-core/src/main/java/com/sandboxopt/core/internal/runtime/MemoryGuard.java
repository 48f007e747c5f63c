package com.sandboxopt.core.internal.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one model from filling the heap and taking the JVM down (GraalPy community edition has no
 * per-context heap limit). When heap use passes the limit it confirms with a GC, then picks the
 * job that allocated most recently (for GraalPy jobs, whose code cannot start threads, the job
 * thread's allocated bytes). Jobs of other runtimes live outside the heap and are not counted.
 */
public final class MemoryGuard {
    private static final long GC_CONFIRM_INTERVAL_NANOS = 100_000_000L;
    /** Decayed bytes allocated over the last few ticks (about 50 MB/s): below it a job is not growing the heap. */
    private static final long MIN_RECENT_ALLOCATION = 1L << 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final double limitFraction;
    private final long maxHeap = Runtime.getRuntime().maxMemory();
    private final Map<JobRun, long[]> allocation = new ConcurrentHashMap<>(); // {last total, recent rate}
    private volatile long lastGcNanos;
    private volatile JobRun stopping;

    /** @param limitFraction share of the maximum heap (0 to 1) above which the biggest allocator is stopped */
    public MemoryGuard(double limitFraction) {
        this.limitFraction = limitFraction;
    }

    long limitBytes() {
        return (long) (maxHeap * limitFraction);
    }

    String errorMessage() {
        return "memory limit exceeded: the heap passed " + Math.round(limitFraction * 100) + "% of the JVM's "
                + (maxHeap >> 20) + " MiB while this job kept allocating; it was stopped to protect other jobs";
    }

    void forget(JobRun run) {
        allocation.remove(run);
        if (run == stopping) {
            stopping = null;
            lastGcNanos = System.nanoTime(); // give the GC a moment to collect what it held
        }
    }

    /** Called every watchdog tick; returns the job to stop, or null. */
    JobRun findJobToStop(Collection<JobRun> running) {
        JobRun biggest = sampleAllocation(running);
        if (stopping != null) {
            return null; // the heap stays full until the job being stopped has let go of its memory
        }
        if (biggest == null || allocation.get(biggest)[1] < MIN_RECENT_ALLOCATION
                || memory.getHeapMemoryUsage().getUsed() < limitBytes()) {
            return null; // only a job that is allocating right now can be the one filling the heap
        }
        long now = System.nanoTime();
        if (now - lastGcNanos < GC_CONFIRM_INTERVAL_NANOS) {
            return null; // a GC just ran: give it (and any job just stopped) time to free memory
        }
        lastGcNanos = now;
        System.gc(); // garbage counts as "used" too: only a full heap after GC means a job holds it
        if (memory.getHeapMemoryUsage().getUsed() < limitBytes()) {
            return null;
        }
        stopping = biggest;
        return biggest;
    }

    /** Updates each job's recent allocation rate and returns the job allocating most. */
    private JobRun sampleAllocation(Collection<JobRun> running) {
        JobRun biggest = null;
        long biggestRate = -1;
        for (JobRun run : running) {
            long total = run.heapAllocatedBytes();
            if (total < 0 || run.termination() != null) {
                continue; // not on the heap (another runtime), not started, or already being stopped
            }
            long[] state = allocation.computeIfAbsent(run, r -> new long[] {total, 0});
            long delta = Math.max(0, total - state[0]);
            state[0] = total;
            state[1] = state[1] / 2 + delta; // decays in a few ticks, so it reflects the last ~50 ms
            if (state[1] > biggestRate) {
                biggestRate = state[1];
                biggest = run;
            }
        }
        return biggest;
    }
}
