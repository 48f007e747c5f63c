package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.internal.runtime.JobRun;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The jobs waiting for a job thread on this node, taken in a fair order: the highest priority first; among equals,
 * the user served longest ago first (users in turn, so one user's hundred jobs do not hold up another's one), each
 * user's jobs oldest first. A user already running {@code runningPerUser} jobs here waits until one ends. Signals to
 * the job threads (stop, top up) come after every job that may start.
 */
final class FairLine {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<JobRun> waiting = new ArrayList<>(); // in arrival order
    private final Deque<Object> signals = new ArrayDeque<>();
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Long> lastServed = new HashMap<>();
    private final int runningPerUser;
    private long served;

    /** @param runningPerUser jobs one user may run here at once; 0 for no limit */
    FairLine(int runningPerUser) {
        this.runningPerUser = runningPerUser;
    }

    void add(JobRun run) {
        lock.lock();
        try {
            waiting.add(run);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void signal(Object signal) {
        lock.lock();
        try {
            signals.add(signal);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void remove(JobRun run) {
        lock.lock();
        try {
            waiting.remove(run);
        } finally {
            lock.unlock();
        }
    }

    /** The next job that may start (counted as running for its user), else the next signal; waits for either. */
    Object take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                JobRun next = next();
                if (next != null) {
                    waiting.remove(next);
                    running.merge(owner(next), 1, Integer::sum);
                    lastServed.put(owner(next), ++served);
                    return next;
                }
                if (!signals.isEmpty()) {
                    return signals.poll();
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A job {@link #take} handed out has ended: its user may start another. */
    void finished(JobRun run) {
        lock.lock();
        try {
            running.computeIfPresent(owner(run), (user, count) -> count > 1 ? count - 1 : null);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private JobRun next() {
        JobRun best = null;
        for (JobRun run : waiting) {
            if (runningPerUser > 0 && running.getOrDefault(owner(run), 0) >= runningPerUser) {
                continue;
            }
            if (best == null || before(run, best)) {
                best = run;
            }
        }
        return best;
    }

    /** Whether {@code a} goes before {@code b}, which arrived earlier. */
    private boolean before(JobRun a, JobRun b) {
        int priority = Integer.compare(priority(a), priority(b));
        if (priority != 0) {
            return priority > 0;
        }
        return lastServed.getOrDefault(owner(a), 0L) < lastServed.getOrDefault(owner(b), 0L);
    }

    private static String owner(JobRun run) {
        String owner = run.accepted().origin().owner();
        return owner == null ? "" : owner;
    }

    private static int priority(JobRun run) {
        return run.accepted().origin().priority();
    }
}
