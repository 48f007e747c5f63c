package com.sandboxopt.solver.ortools.internal;

/** Why the host ended a worker in the middle of a solve. */
enum StopReason {
    /** The job was cancelled or ran out of time. */
    ABORTED,
    /** The worker's memory passed the limit. */
    MEMORY
}
