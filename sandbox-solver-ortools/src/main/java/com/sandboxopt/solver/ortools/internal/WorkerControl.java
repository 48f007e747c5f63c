package com.sandboxopt.solver.ortools.internal;

import com.sandboxopt.core.solver.SolveControl;

/**
 * One solve's worker as the sandbox controls it: abort ends the worker; CPU time counts from the
 * solve's start and is frozen at its end, before the worker may serve another job.
 */
final class WorkerControl implements SolveControl {
    private final WorkerProcess worker;
    private final long cpuAtStart;
    private volatile long cpuUsed;
    private volatile boolean finished;

    WorkerControl(WorkerProcess worker) {
        this.worker = worker;
        this.cpuAtStart = Math.max(0, worker.cpuNanos());
    }

    WorkerProcess worker() {
        return worker;
    }

    @Override
    public void abort() {
        if (!finished) {
            worker.kill(StopReason.ABORTED);
        }
    }

    /** As last read by the solve guard (every 50 ms) or at the solve's end: the sandbox asks every 10 ms. */
    @Override
    public long cpuTimeNanos() {
        return cpuUsed;
    }

    /** Reads the worker's CPU time from /proc. */
    void refreshCpu() {
        if (finished) {
            return;
        }
        long now = worker.cpuNanos();
        if (now >= 0) {
            cpuUsed = Math.max(cpuUsed, now - cpuAtStart);
        }
    }

    /** Called when the solve ended: the CPU time stays what it is now. */
    void finish() {
        refreshCpu();
        finished = true;
    }
}
