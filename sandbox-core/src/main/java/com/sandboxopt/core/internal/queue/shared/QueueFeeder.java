package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.models.ModelCatalog;
import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.internal.data.DataCatalog;
import com.sandboxopt.core.internal.runtime.Deadlines;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.queue.JobScheduler;
import com.sandboxopt.core.internal.storage.QueueTable;
import com.sandboxopt.core.storage.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued jobs for this node's free job threads, oldest first, of the runtimes this node can run (a job for
 * CPython waits for a node that has it), and ends those whose deadline passed while they waited. It looks when told
 * something changed
 * (a job queued here or elsewhere, a job thread freed) and every second anyway, so a lost message only
 * delays a job.
 */
final class QueueFeeder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueFeeder.class);
    private static final long EXPIRY_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String node;
    private final QueueTable store;
    private final JobStore storage;
    private final JobScheduler scheduler;
    private final ModelCatalog models;
    private final DataCatalog data;
    private final Limits defaultLimits;
    private final JobListener events;
    private final List<String> runtimes;
    /** Jobs one user may run at once on all nodes together; 0 for no limit. */
    private final int runningPerUser;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    private long lastExpiry = System.nanoTime() - EXPIRY_PERIOD_NANOS;

    QueueFeeder(String node, QueueTable store, JobStore storage, JobScheduler scheduler, ModelCatalog models,
                DataCatalog data, Limits defaultLimits, JobListener events,
                List<String> runtimes, int runningPerUser) {
        this.runtimes = List.copyOf(runtimes);
        this.runningPerUser = runningPerUser;
        this.node = node;
        this.store = store;
        this.storage = storage;
        this.scheduler = scheduler;
        this.models = models;
        this.data = data;
        this.defaultLimits = defaultLimits;
        this.events = events;
        this.thread = new Thread(this::loop, "sandbox-cluster-feeder");
        thread.setDaemon(true);
        scheduler.onSlotFreed(this::wake);
        thread.start();
    }

    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                expireQueuedPastDeadline();
                claimWhileFree();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not claim queued jobs; trying again in a second: {}", e.getMessage());
            }
        }
    }

    /** At most once a second: the queued jobs whose deadline passed while every node was busy end without starting. */
    private void expireQueuedPastDeadline() {
        if (System.nanoTime() - lastExpiry < EXPIRY_PERIOD_NANOS) {
            return;
        }
        lastExpiry = System.nanoTime();
        Instant now = Now.instant();
        for (QueueTable.Expired job : store.expireQueued(now, Deadlines::passedWhileQueued)) {
            events.onFailed(new JobFailed(job.jobId(), job.modelType(), JobStatus.TIMED_OUT,
                    Deadlines.passedWhileQueued(job.deadline()), now));
        }
    }

    private void claimWhileFree() {
        while (!closed && scheduler.freeSlots() > 0) {
            Optional<QueueTable.Claimed> claimed = store.claim(node, runtimes, Now.instant(), runningPerUser);
            if (claimed.isEmpty()) {
                return;
            }
            start(claimed.get());
        }
    }

    /** Rebuilds the job from what its row names; a job that cannot be rebuilt fails saying why. */
    private void start(QueueTable.Claimed claimed) {
        Job job = claimed.job();
        try {
            Model model = models.get(job.model().id());
            Limits limits = LimitsJson.read(claimed.limitsJson(), defaultLimits);
            boolean again = claimed.attempt() > 1;
            JobRun.Claim claim = new JobRun.Claim(job.times().startedAt(), again ? store.lastLogSeq(job.id()) : 0,
                    again ? "Running again on node " + node + " (attempt " + claimed.attempt()
                            + "): the node that ran it stopped; the lines above are from the first attempt" : null);
            scheduler.runClaimed(job, models.source(model.id()), model.fileName(), limits,
                    data.stored(job.inputs().dataSourceId(), job.inputs().dataSources()), claim);
        } catch (RuntimeException e) {
            LOG.error("Job {} was claimed but could not start", job.id(), e);
            String error = "Could not start on node " + node + ": " + e.getMessage();
            Instant now = Now.instant();
            storage.finishJob(job.id(), JobStatus.FAILED, now, error, null, 0);
            events.onFailed(new JobFailed(job.id(), job.model().type(), JobStatus.FAILED, error, now));
        }
    }

    /** Stops claiming; returns once no claim is in flight, so every job claimed is in the scheduler. */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
