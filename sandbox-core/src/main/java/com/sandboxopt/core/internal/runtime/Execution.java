package com.sandboxopt.core.internal.runtime;

/** A running job as the host controls it, whatever runs it: stop it and measure it. */
public interface Execution {
    /** Ends the job's code as soon as possible; called from any thread, maybe more than once. */
    void stop();

    /** CPU time the job's code used since it started (its thread, or its processes), or -1 when unknown. */
    long cpuNanos();

    /**
     * Its CPU time read now, once its code has ended, for the record: {@link #cpuNanos} may give a reading a moment
     * old (reading it is not free, and the watchdog asks often), which for a short job is most of it.
     */
    default long finalCpuNanos() {
        return cpuNanos();
    }

    /** Bytes the job allocated on the JVM heap so far, or -1 when it does not allocate there. */
    default long heapAllocatedBytes() {
        return -1;
    }

    /**
     * The high-water mark of the memory the job's limit counts, read from the host once its code has ended, or -1
     * when the runtime cannot tell one job's memory apart (GraalPy's jobs share the JVM's heap).
     */
    default long peakMemoryBytes() {
        return -1;
    }
}
