package com.sandboxopt.core.solver;

/** A running solve, as the sandbox sees it; both methods are called from other threads. */
public interface SolveControl {
    /** Stops the solve at once (within a second); {@link Solver#solve} then returns. */
    void abort();

    /** CPU time used so far by the solve on all its threads, in nanoseconds. */
    long cpuTimeNanos();
}
