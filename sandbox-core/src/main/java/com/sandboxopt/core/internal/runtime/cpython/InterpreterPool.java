package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxed interpreters started ahead, for whichever job thread needs one next. A spawner thread per
 * place (a start is mostly waiting for the kernel and the interpreter) keeps {@code target} of them
 * waiting, so that back-to-back jobs do not wait for a start: a job thread takes one and the next is
 * started while the job runs.
 */
final class InterpreterPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterpreterPool.class);

    /** Starts an interpreter with the modules wanted now. */
    interface Starter {
        SandboxedInterpreter start() throws IOException;
    }

    private final int target;
    private final Starter starter;
    private final Deque<SandboxedInterpreter> idle = new ArrayDeque<>(); // guarded by this
    private Predicate<SandboxedInterpreter> topUp; // guarded by this; pending for the idle ones
    private boolean started; // guarded by this
    private boolean closed; // guarded by this
    private int starting; // guarded by this
    private int toppingUp; // guarded by this
    private static final long MAX_WAIT_NANOS = 10_000_000_000L;

    InterpreterPool(int target, Starter starter) {
        this.target = target;
        this.starter = starter;
    }

    /** Starts filling the pool, once: only a sandbox that runs CPython jobs keeps interpreters waiting. */
    synchronized void fill() {
        if (started || closed) {
            return;
        }
        started = true;
        for (int i = 1; i <= target; i++) {
            Thread spawner = new Thread(this::spawn, "sandbox-cpython-spawner-" + i);
            spawner.setDaemon(true);
            spawner.start();
        }
    }

    /**
     * A waiting interpreter, or null when none is ready or coming (the caller starts its own). One that is
     * being started or topped up is waited for: starting another beside it would only compete for the CPU.
     */
    synchronized SandboxedInterpreter take() {
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (true) {
            while (!idle.isEmpty()) {
                SandboxedInterpreter next = idle.poll();
                notifyAll();
                if (next.isAlive()) {
                    return next;
                }
                next.close();
            }
            long left = deadline - System.nanoTime();
            if (closed || starting + toppingUp == 0 || left <= 0) {
                return null;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Asks for {@code action} on every waiting interpreter (false: close it); the spawner does it. */
    synchronized void topUp(Predicate<SandboxedInterpreter> action) {
        this.topUp = action;
        notifyAll();
    }

    private void spawn() {
        while (true) {
            Predicate<SandboxedInterpreter> pending;
            List<SandboxedInterpreter> toTopUp = new ArrayList<>();
            synchronized (this) {
                while (!closed && topUp == null && idle.size() + starting + toppingUp >= target) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                pending = topUp;
                topUp = null;
                if (pending != null) {
                    toTopUp.addAll(idle);
                    toppingUp += idle.size();
                    idle.clear();
                } else {
                    starting++;
                }
            }
            if (pending != null) {
                for (SandboxedInterpreter interpreter : toTopUp) {
                    boolean keep = pending.test(interpreter);
                    synchronized (this) {
                        toppingUp--;
                        notifyAll();
                    }
                    if (keep) {
                        offer(interpreter);
                    } else {
                        interpreter.close();
                    }
                }
                continue;
            }
            try {
                SandboxedInterpreter fresh = starter.start();
                synchronized (this) {
                    starting--;
                }
                offer(fresh);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    starting--;
                    notifyAll();
                }
                LOG.warn("Could not start a sandboxed interpreter ahead of time; trying again in a second", e);
                pause();
            }
        }
    }

    private void offer(SandboxedInterpreter interpreter) {
        synchronized (this) {
            if (!closed) {
                idle.add(interpreter);
                notifyAll();
                return;
            }
        }
        interpreter.close();
    }

    private synchronized void pause() {
        try {
            wait(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<SandboxedInterpreter> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(idle);
            idle.clear();
            notifyAll();
        }
        left.forEach(SandboxedInterpreter::close);
    }
}
