package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import com.sandboxopt.core.storage.JobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the other nodes' messages into events for this node's listeners, on one thread and in the order
 * they were sent, so a job's events keep their order. Lines are read from storage: a range announced is
 * stored, and lines this node missed (a lost connection) are read with the next range of that job.
 */
final class EventReceiver {
    private final String node;
    private final JobStore storage;
    private final JobListener listeners;
    private final Runnable onQueued;
    /** The last seq told to this node's listeners, per job another node runs. */
    private final Map<String, Long> told = new ConcurrentHashMap<>();

    EventReceiver(String node, JobStore storage, JobListener listeners, Runnable onQueued) {
        this.node = node;
        this.storage = storage;
        this.listeners = listeners;
        this.onQueued = onQueued;
    }

    void receive(String payload) {
        ClusterMessage message = ClusterMessage.decode(payload);
        if (node.equals(message.node())) {
            return; // this node's listeners heard it first-hand
        }
        switch (message.kind()) {
            case QUEUED -> onQueued.run();
            case STARTED -> job(message).ifPresent(job -> listeners.onStarted(new JobStarted(job.id(),
                    job.model().type(), job.model().name(), job.times().startedAt(), job.placement().runtime())));
            case LINES -> lines(message);
            case PROGRESS -> listeners.onProgress(new ProgressEvent(message.jobId(), message.modelType(), message.value(),
                    message.text(), message.timestamp()));
            case METRIC -> listeners.onMetric(new MetricEvent(message.jobId(), message.modelType(), message.text(),
                    message.value(), message.step(), message.timestamp()));
            case ENDED -> {
                told.remove(message.jobId());
                job(message).ifPresent(this::ended);
            }
        }
    }

    private void lines(ClusterMessage message) {
        long after = told.getOrDefault(message.jobId(), message.from() - 1);
        while (after < message.to()) {
            List<LogLine> lines = storage.readLogs(message.jobId(), LogQuery.after(after, LogQuery.MAX_LIMIT));
            if (lines.isEmpty()) {
                return; // not there: nothing to tell (a job's lines are stored before they are announced)
            }
            for (LogLine line : lines) {
                if (line.seq() > message.to()) {
                    break; // later lines come with their own range, after what was announced before them
                }
                listeners.onLog(new LogEvent(line.jobId(), message.modelType(), line.seq(), line.level(), line.message(),
                        line.timestamp()));
                after = line.seq();
            }
            told.put(message.jobId(), after);
            if (lines.get(lines.size() - 1).seq() >= message.to()) {
                return;
            }
        }
    }

    private void ended(Job job) {
        if (job.status() == JobStatus.SUCCESS) {
            listeners.onCompleted(new JobCompleted(job.id(), job.model().type(), job.status(),
                    job.times().finishedAt()));
        } else if (job.status().isFinal()) {
            listeners.onFailed(new JobFailed(job.id(), job.model().type(), job.status(), job.error(),
                    job.times().finishedAt()));
        }
    }

    private Optional<Job> job(ClusterMessage message) {
        return storage.findJob(message.jobId());
    }
}
