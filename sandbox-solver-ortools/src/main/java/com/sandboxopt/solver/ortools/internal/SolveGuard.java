package com.sandboxopt.solver.ortools.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches every running solve from one thread: a worker whose memory passes the limit is ended.
 * Time needs no watching here: each backend stops at its own limit, and the sandbox ends the solve
 * when its job runs out of time.
 */
public final class SolveGuard implements AutoCloseable {
    private static final long PERIOD_MILLIS = 50;

    private final long memoryLimitBytes;
    private final Set<WorkerControl> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "solver-guard");
        t.setDaemon(true);
        return t;
    });

    public SolveGuard(long memoryLimitBytes) {
        this.memoryLimitBytes = memoryLimitBytes;
        timer.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    void watch(WorkerControl control) {
        running.add(control);
    }

    void unwatch(WorkerControl control) {
        running.remove(control);
    }

    private void check() {
        for (WorkerControl control : running) {
            control.refreshCpu();
            if (control.worker().residentBytes() > memoryLimitBytes) {
                control.worker().kill(StopReason.MEMORY);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
