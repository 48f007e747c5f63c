package com.sandboxopt.solver.ortools.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solver workers: one per solve running at the same time, and up to {@code maxIdle} kept ready
 * between solves, since starting one (a JVM plus OR-Tools' libraries) takes most of a second. A
 * worker that was stopped in the middle of a solve is never reused.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final List<String> command;
    private final int maxIdle;
    private final Deque<WorkerProcess> idle = new ArrayDeque<>();
    private final Set<WorkerProcess> busy = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public WorkerPool(List<String> command, int maxIdle) {
        this.command = List.copyOf(command);
        this.maxIdle = maxIdle;
    }

    /** An idle worker, or a new one. */
    WorkerProcess take() throws IOException {
        if (closed) {
            throw new IOException("the solver is closed");
        }
        WorkerProcess worker;
        synchronized (idle) {
            worker = idle.pollFirst();
            while (worker != null && !worker.isAlive()) {
                worker.close();
                worker = idle.pollFirst();
            }
        }
        if (worker == null) {
            worker = WorkerProcess.start(command);
        }
        busy.add(worker);
        return worker;
    }

    /** Back after a solve: kept when it is healthy and the pool has room, else ended. */
    void give(WorkerProcess worker) {
        busy.remove(worker);
        if (!closed && worker.isAlive()) {
            synchronized (idle) {
                if (idle.size() < maxIdle) {
                    idle.addLast(worker);
                    return;
                }
            }
        }
        worker.close();
    }

    /** Starts a worker in the background, so that the first solve does not wait for it. */
    public void prestart() {
        if (maxIdle == 0) {
            return;
        }
        Thread starter = new Thread(() -> {
            try {
                WorkerProcess worker = WorkerProcess.start(command);
                busy.add(worker);
                give(worker);
            } catch (IOException e) {
                LOG.warn("Could not start a solver worker ahead of time; the first solve starts one: {}", e.getMessage());
            }
        }, "solver-worker-prestart");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(WorkerProcess::close);
            idle.clear();
        }
        busy.forEach(worker -> worker.kill(StopReason.ABORTED));
    }
}
