package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every running job every 10 ms: its deadline, wall-clock time, CPU time of the job's code (its thread or its
 * processes) and its solves, and (through the {@link MemoryGuard}) the heap. A job past a limit is
 * stopped through its {@link Execution}.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long PERIOD_MILLIS = 10;

    private final Set<JobRun> running = ConcurrentHashMap.newKeySet();
    private final JobClock clock = new JobClock();
    private final MemoryGuard memory;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-watchdog");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    });

    public Watchdog(MemoryGuard memory) {
        this.memory = memory;
        timer.scheduleWithFixedDelay(this::checkSafely, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    void watch(JobRun run) {
        running.add(run);
    }

    void unwatch(JobRun run) {
        running.remove(run);
        memory.forget(run);
    }

    private void checkSafely() {
        try {
            check();
        } catch (Throwable e) { // a dead watchdog would leave every limit unenforced
            LOG.error("Watchdog check failed; it keeps running", e);
        }
    }

    private void check() {
        long now = System.nanoTime();
        Instant wallClock = Instant.now();
        for (JobRun run : running) {
            Limits limits = run.limits();
            Instant deadline = run.deadline();
            if (deadline != null && !wallClock.isBefore(deadline)) {
                run.stop(JobStatus.TIMED_OUT, Deadlines.stoppedAt(deadline));
                continue;
            }
            if (now - run.startNanos() > limits.wallTime().toNanos()) {
                run.stop(JobStatus.TIMED_OUT, "Wall-clock time limit of " + Durations.human(limits.wallTime()) + " exceeded");
                continue;
            }
            long cpu = clock.cpuNanos(run);
            if (cpu >= 0 && cpu > limits.cpuTime().toNanos()) {
                run.stop(JobStatus.TIMED_OUT, "CPU time limit of " + Durations.human(limits.cpuTime()) + " exceeded");
            }
        }
        JobRun hog = memory.findJobToStop(running);
        if (hog != null) {
            run(hog);
        }
    }

    private void run(JobRun hog) {
        LOG.warn("Stopping job {}: the heap stays above the memory limit while it allocates", hog.jobId());
        hog.stop(JobStatus.FAILED, memory.errorMessage());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
