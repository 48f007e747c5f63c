package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.data.JobData;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.runtime.JobRunner;
import com.sandboxopt.core.internal.runtime.ModelRuntime;
import com.sandboxopt.core.storage.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of job threads behind one fair line ({@link FairLine}: priority, then users in turn). While idle, each thread prepares a run of its
 * next job on each runtime in use (a context or an interpreter, common modules imported), so a job
 * starts in milliseconds instead of the hundreds a bare one costs. Each job thread has a large
 * stack so that Python's own recursion limit, not the JVM's stack, stops deep recursion.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final long JOB_THREAD_STACK_BYTES = 64L * 1024 * 1024;
    private static final Object STOP = new Object();
    private static final Object TOP_UP = new Object();

    private final JobRunner runner;
    private final JobStore storage;
    private final int poolSize;
    private final int maxQueueLength;
    private final FairLine queue;
    private final List<Thread> workers = new ArrayList<>();
    private final ExecutorService killer = Executors.newCachedThreadPool(r -> daemon(r, "sandbox-stopper"));
    /** Ends each queued job at its deadline, unless it started (or ended) first. */
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1,
            r -> daemon(r, "sandbox-deadlines"));
    private final Map<JobRun, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final Map<String, JobRun> active = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger(); // queued + running
    private volatile boolean closed;
    private volatile Runnable onSlotFreed = () -> { };

    /** @param runningPerUser jobs one user may run here at once; 0 for no limit */
    public JobScheduler(JobRunner runner, JobStore storage, int poolSize, int maxQueueLength, int runningPerUser) {
        this.queue = new FairLine(runningPerUser);
        this.runner = runner;
        this.storage = storage;
        this.poolSize = poolSize;
        this.maxQueueLength = maxQueueLength;
        deadlines.setRemoveOnCancelPolicy(true);
        for (int i = 1; i <= poolSize; i++) {
            Thread worker = new Thread(null, this::work, "sandbox-job-" + i, JOB_THREAD_STACK_BYTES);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Stores the job as queued and puts it in line, or refuses it when the queue is full. */
    public JobRun submit(Job accepted, String source, String fileName, Limits limits, JobData data) {
        if (closed) {
            throw new SandboxException(ErrorCode.CLOSED, "The sandbox is closed");
        }
        if (admitted.incrementAndGet() > poolSize + maxQueueLength) {
            admitted.decrementAndGet();
            throw new SandboxException(ErrorCode.QUEUE_FULL, "The job queue is full (" + maxQueueLength
                    + " jobs waiting): wait for jobs to finish or raise maxQueueLength");
        }
        JobRun run = new JobRun(accepted, source, fileName, limits, data, killer);
        try {
            storage.insertJob(accepted);
        } catch (RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
        enqueue(run);
        return run;
    }

    /**
     * Runs a job this node claimed from the shared queue: it is running in storage already, so it only waits
     * here for the free job thread its claim counted on.
     */
    public JobRun runClaimed(Job claimed, String source, String fileName, Limits limits, JobData data, JobRun.Claim claim) {
        JobRun run = new JobRun(claimed, source, fileName, limits, data, killer, claim);
        admitted.incrementAndGet();
        enqueue(run);
        return run;
    }

    private void enqueue(JobRun run) {
        active.put(run.jobId(), run);
        run.onEndWhileQueued(termination -> killer.execute(() -> {
            queue.remove(run);
            runner.finishUnstarted(run, termination);
            release(run);
        }));
        if (run.deadline() != null) {
            // a millisecond late rather than early: the job checks the wall clock, the timer counts nanoTime
            long millis = Math.max(0, Duration.between(Instant.now(), run.deadline()).toMillis()) + 1;
            expiries.put(run, deadlines.schedule(run::expireIfQueuedPastDeadline, millis, TimeUnit.MILLISECONDS));
        }
        queue.add(run);
    }

    /** Job threads without a job: how many more this node can claim from a shared queue. */
    public int freeSlots() {
        return closed ? 0 : poolSize - admitted.get();
    }

    /** Called whenever a job here ends and its thread is free again. */
    public void onSlotFreed(Runnable action) {
        this.onSlotFreed = action;
    }

    private void work() {
        Map<RuntimeKind, ModelRuntime.Prepared> ready = new EnumMap<>(RuntimeKind.class);
        try {
            while (true) {
                if (!closed) {
                    prepareMissing(ready);
                }
                Object item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    item = STOP;
                }
                if (item == TOP_UP) {
                    topUp(ready);
                    continue;
                }
                if (item == STOP) {
                    return;
                }
                JobRun run = (JobRun) item;
                try {
                    ModelRuntime.Prepared prepared = ready.remove(run.runtime());
                    if (!runner.run(run, prepared) && prepared != null) {
                        ready.put(run.runtime(), prepared); // cancelled while queued: still unused
                    }
                } catch (Throwable e) {
                    LOG.error("Job thread survived an unexpected error", e);
                } finally {
                    queue.finished(run);
                    release(run);
                }
            }
        } finally {
            ready.values().forEach(ModelRuntime.Prepared::close);
        }
    }

    /** While the thread waits, each runtime in use gets a run prepared on it. */
    private void prepareMissing(Map<RuntimeKind, ModelRuntime.Prepared> ready) {
        for (ModelRuntime runtime : runner.runtimes().inUse()) {
            if (!ready.containsKey(runtime.kind())) {
                ModelRuntime.Prepared prepared = runtime.prepare();
                if (prepared != null) {
                    ready.put(runtime.kind(), prepared);
                }
            }
        }
    }

    private void topUp(Map<RuntimeKind, ModelRuntime.Prepared> ready) {
        ready.entrySet().removeIf(entry -> {
            boolean keep;
            try {
                keep = runner.runtimes().get(entry.getKey()).topUp(entry.getValue());
            } catch (RuntimeException e) {
                LOG.warn("Could not import more modules into a prepared run; preparing another", e);
                keep = false;
            }
            if (!keep) {
                entry.getValue().close(); // an import broke it; the loop prepares another
            }
            return !keep;
        });
    }

    /**
     * Asks idle job threads to import into their prepared context what the import plan now wants
     * (after an upload), so that the model's first run finds its imports done. Queued behind the
     * jobs already waiting.
     */
    public void refreshPreparedContexts() {
        if (closed) {
            return;
        }
        for (int i = 0; i < poolSize; i++) {
            queue.signal(TOP_UP);
        }
    }

    private void release(JobRun run) {
        ScheduledFuture<?> expiry = expiries.remove(run);
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (active.remove(run.jobId(), run)) {
            admitted.decrementAndGet();
            onSlotFreed.run();
        }
    }

    public Optional<JobRun> find(String jobId) {
        return Optional.ofNullable(active.get(jobId));
    }

    /** A user's jobs waiting here for a job thread. */
    public int queuedOf(String owner) {
        int queued = 0;
        for (JobRun run : active.values()) {
            if (run.status() == JobStatus.QUEUED && owner.equals(run.accepted().origin().owner())) {
                queued++;
            }
        }
        return queued;
    }

    public boolean hasActive() {
        return !active.isEmpty();
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

    /** Cancels every queued and running job, then stops the job threads. */
    @Override
    public void close() {
        closed = true;
        for (JobRun run : new ArrayList<>(active.values())) {
            if (run.status() == JobStatus.RUNNING) {
                run.stop(JobStatus.CANCELLED, "Cancelled: the sandbox was shut down");
            } else {
                run.cancel();
            }
        }
        workers.forEach(worker -> queue.signal(STOP));
        try {
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            }
            deadlines.shutdownNow();
            killer.shutdown();
            killer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
