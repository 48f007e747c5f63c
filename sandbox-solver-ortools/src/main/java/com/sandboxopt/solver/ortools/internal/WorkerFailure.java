package com.sandboxopt.solver.ortools.internal;

import java.io.IOException;

/** A worker stopped answering: it was stopped on purpose (see {@link #stoppedBecause()}) or it died. */
final class WorkerFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient StopReason stoppedBecause;

    WorkerFailure(String message, StopReason stoppedBecause) {
        super(message);
        this.stoppedBecause = stoppedBecause;
    }

    /** Why the host stopped the worker, or null when it died by itself. */
    StopReason stoppedBecause() {
        return stoppedBecause;
    }
}
