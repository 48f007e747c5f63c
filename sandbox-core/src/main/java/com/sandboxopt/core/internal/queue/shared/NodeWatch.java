package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.internal.storage.SharedTables;
import com.sandboxopt.core.internal.storage.QueueTable;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's heartbeat, and the watch over the others: the running jobs of a node silent past the
 * timeout fail (or are queued again once), told to every node's listeners by this one.
 */
final class NodeWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);

    private final ClusterSettings settings;
    private final SharedTables store;
    private final JobListener events;
    private final EventPublisher publisher;
    private final Runnable requeued;
    private final Runnable afterBeat;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });

    NodeWatch(ClusterSettings settings, SharedTables store, JobListener events, EventPublisher publisher,
              Runnable requeued, Runnable afterBeat) {
        this.settings = settings;
        this.store = store;
        this.events = events;
        this.publisher = publisher;
        this.requeued = requeued;
        this.afterBeat = afterBeat;
        long every = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            if (!store.nodes().heartbeat(settings.nodeId())) {
                LOG.warn("Node {} was silent past its timeout of {}: the other nodes took it for stopped and ended its"
                        + " running jobs; it goes on with new ones", settings.nodeId(), settings.timeout());
            }
            reapStoppedNodes();
            afterBeat.run();
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not renew its heartbeat: {}", settings.nodeId(), e.getMessage());
        }
    }

    private void reapStoppedNodes() {
        Instant now = Now.instant();
        for (QueueTable.Reaped job : store.queue().reapStoppedNodes(settings.timeout(), settings.requeue(), now)) {
            if (job.requeued()) {
                LOG.warn("Job {} was running on node {}, which stopped: it is queued again", job.jobId(), job.nodeId());
                publisher.queued(job.jobId(), job.modelType());
                requeued.run();
            } else {
                LOG.warn("Job {} was running on node {}, which stopped: it failed", job.jobId(), job.nodeId());
                events.onFailed(new JobFailed(job.jobId(), job.modelType(), JobStatus.FAILED,
                        "interrupted: node " + job.nodeId() + " stopped", now));
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
