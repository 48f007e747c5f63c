package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import com.sandboxopt.core.internal.queue.shared.ClusterMessage.Kind;
import com.sandboxopt.core.internal.storage.NodeChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes about this node's jobs, in the order this node's listeners heard it: one thread
 * sends what queued up in one transaction of NOTIFYs, so they arrive in that order. Lines are announced only
 * once stored (this listener hears them then), as ranges, and the receivers read them from storage.
 */
final class EventPublisher implements JobListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final int MAX_PER_TRANSACTION = 1000;

    private final NodeChannel store;
    private final String channel;
    private final String node;
    private final BlockingQueue<ClusterMessage> outgoing = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean closed;

    EventPublisher(NodeChannel store, String channel, String node) {
        this.store = store;
        this.channel = channel;
        this.node = node;
        this.sender = new Thread(this::sendLoop, "sandbox-cluster-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    void queued(String jobId, ModelType type) {
        outgoing.add(ClusterMessage.of(Kind.QUEUED, node, jobId, type));
    }

    @Override
    public void onStarted(JobStarted event) {
        outgoing.add(ClusterMessage.of(Kind.STARTED, node, event.jobId(), event.modelType()));
    }

    @Override
    public void onLog(LogEvent event) {
        outgoing.add(new ClusterMessage(Kind.LINES, node, event.jobId(), event.modelType(), event.seq(), event.seq(), 0,
                null, null, null));
    }

    @Override
    public void onProgress(ProgressEvent event) {
        outgoing.add(new ClusterMessage(Kind.PROGRESS, node, event.jobId(), event.modelType(), 0, 0, event.fraction(),
                event.message(), null, event.timestamp()));
    }

    @Override
    public void onMetric(MetricEvent event) {
        outgoing.add(new ClusterMessage(Kind.METRIC, node, event.jobId(), event.modelType(), 0, 0, event.value(),
                event.name(), event.step(), event.timestamp()));
    }

    @Override
    public void onCompleted(JobCompleted event) {
        outgoing.add(ClusterMessage.of(Kind.ENDED, node, event.jobId(), event.modelType()));
    }

    @Override
    public void onFailed(JobFailed event) {
        outgoing.add(ClusterMessage.of(Kind.ENDED, node, event.jobId(), event.modelType()));
    }

    private void sendLoop() {
        List<ClusterMessage> batch = new ArrayList<>();
        while (!closed || !outgoing.isEmpty()) {
            try {
                ClusterMessage first = outgoing.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outgoing.drainTo(batch, MAX_PER_TRANSACTION - 1);
                send(coalesced(batch));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the other nodes' clients catch up from storage when the next message of the job arrives
                LOG.warn("Could not tell the other nodes about {} events: {}", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<String> payloads) {
        store.notify(channel, payloads);
    }

    private static List<String> coalesced(List<ClusterMessage> batch) {
        List<String> payloads = new ArrayList<>();
        ClusterMessage pending = null;
        for (ClusterMessage message : batch) {
            if (pending != null && pending.continuedBy(message)) {
                pending = pending.through(message.to());
                continue;
            }
            if (pending != null) {
                payloads.add(pending.encode());
            }
            pending = message;
        }
        if (pending != null) {
            payloads.add(pending.encode());
        }
        return payloads;
    }

    /** Sends what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
