package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.internal.events.Listeners;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.queue.Quotas;
import com.sandboxopt.core.internal.queue.JobScheduler;
import com.sandboxopt.core.internal.queue.JobQueue;
import com.sandboxopt.core.internal.queue.QueueServices;
import com.sandboxopt.core.internal.queue.QuotaRefusal;
import com.sandboxopt.core.internal.queue.Submission;
import com.sandboxopt.core.internal.storage.NodeChannel;
import com.sandboxopt.core.internal.storage.SharedTables;
import com.sandboxopt.core.storage.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a queue shared through PostgreSQL: jobs are accepted into the database, claimed by
 * whichever node has a free job thread, cancelled wherever they run, and every job's events reach every
 * node's listeners. Opened before the job runner (whose events it relays), started once the scheduler is.
 */
public final class SharedQueue implements JobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SharedQueue.class);
    static final String CHANNEL = "sandbox_events";
    private static final Duration LISTEN_WAIT = Duration.ofMillis(250);
    public static final String INTERRUPTED_BY_RESTART = "interrupted by restart of node ";

    private final ClusterSettings settings;
    private final SharedTables store;
    private final int maxQueueLength;
    private final JobStore storage;
    private final EventPublisher publisher;
    private final TrackedJobs tracked;
    private final Listeners localEvents;
    private final Listeners remoteEvents;
    private JobScheduler scheduler;
    private QueueFeeder feeder;
    private NodeWatch watch;
    private Thread listener;
    private volatile boolean closed;
    private Quotas quotas = Quotas.NONE;

    public SharedQueue(ClusterSettings settings, SharedTables store, JobStore storage, JobListener application,
                       int maxQueueLength) {
        this.settings = settings;
        this.store = store;
        this.storage = storage;
        this.maxQueueLength = maxQueueLength;
        this.publisher = new EventPublisher(store.channel(), CHANNEL, settings.nodeId());
        this.tracked = new TrackedJobs(storage, store.queue()::endedAmong, this::cancelAnywhere);
        this.localEvents = new Listeners(List.of(application, publisher, tracked));
        this.remoteEvents = new Listeners(List.of(application, tracked));
    }

    @Override
    public Optional<String> nodeId() {
        return Optional.of(settings.nodeId());
    }

    /** Where this node's own jobs' events go: the application, the other nodes, the handles. */
    @Override
    public JobListener events() {
        return localEvents;
    }

    /**
     * Joins the queue: registers the node, fails the jobs it left running before a restart, then claims, beats
     * and listens.
     */
    @Override
    public void start(QueueServices services) {
        JobScheduler jobs = services.scheduler();
        this.scheduler = jobs;
        store.nodes().silence(settings.nodeId()).filter(silent -> silent.compareTo(settings.timeout()) < 0).ifPresent(silent ->
                LOG.warn("Node id {} beat {} ms ago: if another process still runs with this id, give each node its own"
                        + " sandbox.node-id", settings.nodeId(), silent.toMillis()));
        store.nodes().registerNode(settings.nodeId());
        int failed = store.queue().failOwnUnfinished(settings.nodeId(), INTERRUPTED_BY_RESTART + settings.nodeId(), Now.instant());
        if (failed > 0) {
            LOG.warn("{} jobs node {} was running before it restarted were marked failed", failed, settings.nodeId());
        }
        this.quotas = services.quotas();
        this.feeder = new QueueFeeder(settings.nodeId(), store.queue(), storage, jobs, services.models(), services.data(),
                services.defaultLimits(), localEvents, services.runtimes().statuses().stream().filter(RuntimeStatus::available)
                        .map(status -> status.kind().wireName()).toList(), quotas.runningPerUser());
        EventReceiver receiver = new EventReceiver(settings.nodeId(), storage, remoteEvents, feeder::wake);
        this.watch = new NodeWatch(settings, store, localEvents, publisher, feeder::wake, tracked::reconcile);
        this.listener = new Thread(() -> listen(receiver), "sandbox-cluster-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Stores the job as queued for whichever node is free first; refused when {@code maxQueueLength} jobs wait already
     * (beyond what this node's free job threads are about to take).
     */
    @Override
    public JobHandle submit(Submission submission) {
        Job accepted = submission.job();
        String owner = accepted.origin().owner();
        if (owner != null && quotas.queuedPerUser() > 0) {
            QuotaRefusal.check(owner, store.queue().countQueued(owner), quotas.queuedPerUser());
        }
        long queued = store.queue().countQueued();
        if (queued >= (long) maxQueueLength + scheduler.freeSlots()) {
            throw new SandboxException(ErrorCode.QUEUE_FULL, "The job queue is full (" + queued
                    + " jobs waiting on all nodes): wait for jobs to finish or raise maxQueueLength");
        }
        JobHandle handle = tracked.track(accepted.id());
        try {
            store.queue().insertQueued(accepted, LimitsJson.write(submission.limits()));
        } catch (RuntimeException e) {
            tracked.forget(accepted.id());
            throw e;
        }
        publisher.queued(accepted.id(), accepted.model().type());
        feeder.wake();
        return handle;
    }

    /** The handle of a job running here, or submitted here and not ended. */
    @Override
    public Optional<JobHandle> handle(String jobId) {
        Optional<JobHandle> local = scheduler.find(jobId).map(run -> run);
        return local.isPresent() ? local : tracked.find(jobId);
    }

    /** Waiting counts the jobs queued for every node. */
    @Override
    public QueueStats stats() {
        QueueStats here = scheduler.stats();
        return new QueueStats((int) Math.min(Integer.MAX_VALUE, store.queue().countQueued()), here.running(),
                here.poolSize(), here.maxQueueLength());
    }

    @Override
    public boolean cancel(String jobId) {
        Optional<JobRun> local = scheduler.find(jobId);
        if (local.isPresent() && !local.get().completion().isDone()) {
            local.get().cancel();
            return true;
        }
        return cancelAnywhere(jobId);
    }

    /**
     * Cancels a job this node does not run: one still queued ends here and now, one running elsewhere is
     * flagged for its node, which looks for the flag four times a second. False when it has ended.
     */
    boolean cancelAnywhere(String jobId) {
        Optional<JobRun> local = scheduler.find(jobId);
        if (local.isPresent()) {
            local.get().cancel();
            return true;
        }
        Optional<Job> job = storage.findJob(jobId);
        if (job.isEmpty()) {
            return false;
        }
        Instant now = Now.instant();
        String error = "Cancelled by user before it started";
        if (store.queue().cancelQueued(jobId, error, now)) {
            localEvents.onFailed(new JobFailed(jobId, job.get().model().type(), JobStatus.CANCELLED, error, now));
            return true;
        }
        return store.queue().requestCancel(jobId);
    }

    private void listen(EventReceiver receiver) {
        while (!closed) {
            try (NodeChannel.Listening listening = store.channel().listen(CHANNEL)) {
                feeder.wake(); // jobs queued while this node was not listening
                long lastCancelCheck = 0;
                while (!closed) {
                    for (String payload : listening.next(LISTEN_WAIT)) {
                        receiveQuietly(receiver, payload);
                    }
                    if (System.nanoTime() - lastCancelCheck >= LISTEN_WAIT.toNanos()) {
                        lastCancelCheck = System.nanoTime();
                        applyCancelRequests();
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("Node {} lost its connection for the other nodes' events; reconnecting: {}",
                            settings.nodeId(), e.getMessage());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private void applyCancelRequests() {
        if (scheduler.hasActive()) {
            for (String jobId : store.queue().cancelsRequested(settings.nodeId())) {
                scheduler.find(jobId).ifPresent(JobRun::cancel);
            }
        }
    }

    private static void receiveQuietly(EventReceiver receiver, String payload) {
        try {
            receiver.receive(payload);
        } catch (RuntimeException e) {
            LOG.warn("Could not relay another node's event {}: {}", payload, e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming; the jobs claimed so far are in the scheduler, which the caller closes next. */
    @Override
    public void stopTaking() {
        if (feeder != null) {
            feeder.close();
        }
    }

    /**
     * Leaves the queue once this node's jobs have ended: their last events are sent. The node's row stays, so
     * a job it could not record as ended is failed by the others after the timeout.
     */
    @Override
    public void close() {
        closed = true;
        stopTaking();
        if (watch != null) {
            watch.close();
        }
        if (listener != null) {
            try {
                listener.join(LISTEN_WAIT.toMillis() * 4 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
    }
}
