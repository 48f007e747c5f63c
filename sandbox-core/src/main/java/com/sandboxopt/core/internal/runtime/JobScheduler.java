package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.storage.SandboxStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of job threads with a FIFO queue in front. Each job thread has a large stack so
 * that Python's own recursion limit, not the JVM's stack, stops deep recursion.
 */
public final class JobScheduler implements AutoCloseable {
    private static final long JOB_THREAD_STACK_BYTES = 64L * 1024 * 1024;

    private final JobRunner runner;
    private final SandboxStorage storage;
    private final int poolSize;
    private final int maxQueueLength;
    private final ThreadPoolExecutor pool;
    private final ExecutorService killer = Executors.newCachedThreadPool(daemon("sandbox-stopper"));
    private final Map<String, JobRun> active = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger(); // queued + running

    public JobScheduler(JobRunner runner, SandboxStorage storage, int poolSize, int maxQueueLength) {
        this.runner = runner;
        this.storage = storage;
        this.poolSize = poolSize;
        this.maxQueueLength = maxQueueLength;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(poolSize, poolSize, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(null, r, "sandbox-job-" + counter.incrementAndGet(), JOB_THREAD_STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Stores the job as queued and hands it to the pool, or refuses it when the queue is full. */
    public JobRun submit(Job accepted, String source, String fileName, Limits limits) {
        if (pool.isShutdown()) {
            throw new SandboxException(ErrorCode.CLOSED, "The sandbox is closed");
        }
        if (admitted.incrementAndGet() > poolSize + maxQueueLength) {
            admitted.decrementAndGet();
            throw new SandboxException(ErrorCode.QUEUE_FULL, "The job queue is full (" + maxQueueLength
                    + " jobs waiting): wait for jobs to finish or raise maxQueueLength");
        }
        JobRun run = new JobRun(accepted, source, fileName, limits, killer);
        try {
            storage.insertJob(accepted);
        } catch (RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
        active.put(accepted.id(), run);
        Runnable task = () -> {
            try {
                runner.run(run);
            } finally {
                release(run);
            }
        };
        run.onCancelWhileQueued(() -> killer.execute(() -> {
            pool.remove(task);
            runner.finishUnstarted(run, new Termination(JobStatus.CANCELLED, "Cancelled by user before it started"));
            release(run);
        }));
        pool.execute(task);
        return run;
    }

    private void release(JobRun run) {
        if (active.remove(run.jobId(), run)) {
            admitted.decrementAndGet();
        }
    }

    public Optional<JobRun> find(String jobId) {
        return Optional.ofNullable(active.get(jobId));
    }

    public QueueStats stats() {
        int running = 0;
        int queued = 0;
        for (JobRun run : active.values()) {
            if (run.status() == JobStatus.RUNNING) {
                running++;
            } else if (run.status() == JobStatus.QUEUED) {
                queued++;
            }
        }
        return new QueueStats(queued, running, poolSize, maxQueueLength);
    }

    /** Cancels every queued and running job and waits for the pool to stop. */
    @Override
    public void close() {
        pool.shutdown();
        List<JobRun> all = new ArrayList<>(active.values());
        for (JobRun run : all) {
            if (run.status() == JobStatus.RUNNING) {
                run.stop(JobStatus.CANCELLED, "Cancelled: the sandbox was shut down");
            } else {
                run.cancel();
            }
        }
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
            killer.shutdown();
            killer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
