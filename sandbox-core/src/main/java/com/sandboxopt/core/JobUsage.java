package com.sandboxopt.core;

/**
 * What a job used, as the sandbox measured it from the host once the job's code ended; each figure is null when it
 * was not measured (a job that never ran, a storage of an application's own that keeps none, or a runtime that cannot
 * tell it).
 *
 * @param cpuMs           CPU time of the job's code and its solves, as its CPU limit counts it: on GraalPy its job
 *                        thread, on CPython every process of its sandbox (read from {@code /proc} while it runs)
 * @param peakMemoryBytes the high-water mark of the memory its limit counts: on CPython its sandbox's cgroup
 *                        (every process of it and its {@code /job} and {@code /tmp} files); null on GraalPy, whose
 *                        jobs share the JVM's heap, and on CPython without cgroups
 */
public record JobUsage(Long cpuMs, Long peakMemoryBytes) {
    private static final JobUsage UNKNOWN = new JobUsage(null, null);

    /** Nothing measured (yet). */
    public static JobUsage unknown() {
        return UNKNOWN;
    }
}
