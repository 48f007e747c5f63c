package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.storage.SandboxStorage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one job's model and solver report, on its way to the listeners: each metric point is stored first, so a
 * page that reloads (or another client) reads the same points the live chart drew. Metrics and progress reach
 * listeners after the lines the job printed before them are stored (see {@link JobLog#announce}). Past
 * {@link Sandbox#MAX_STORED_METRICS} points, or when storing fails, points still reach listeners and one WARNING
 * line says why they are no longer kept.
 */
final class StoredMetrics implements JobListener {
    private static final Logger LOG = LoggerFactory.getLogger(StoredMetrics.class);

    private final SandboxStorage storage;
    private final JobLog log;
    private final JobListener listeners;
    private long seq;
    private boolean stopped;

    StoredMetrics(SandboxStorage storage, JobLog log, JobListener listeners) {
        this.storage = storage;
        this.log = log;
        this.listeners = listeners;
    }

    // announced through the log: after the lines the job printed before them, as the job emitted them
    @Override
    public void onMetric(MetricEvent event) {
        store(event);
        log.announce(() -> listeners.onMetric(event));
    }

    @Override
    public void onProgress(ProgressEvent event) {
        log.announce(() -> listeners.onProgress(event));
    }

    // the model's thread and the solver's callback both report: one seq order
    private synchronized void store(MetricEvent event) {
        if (stopped) {
            return;
        }
        if (seq == Sandbox.MAX_STORED_METRICS) {
            stop("This job reported more than " + Sandbox.MAX_STORED_METRICS + " metric points: later ones are shown live"
                    + " but not stored (report every n-th iteration to keep them all)");
            return;
        }
        try {
            storage.appendMetrics(List.of(new Metric(event.jobId(), seq + 1, event.name(), event.value(), event.step(),
                    event.timestamp())));
            seq++;
        } catch (RuntimeException e) {
            LOG.warn("Could not store a metric of job {}", event.jobId(), e);
            stop("Metrics of this job could not be stored (" + e.getMessage() + "): later ones are shown live only");
        }
    }

    private void stop(String why) {
        stopped = true;
        log.emit(LogLevel.WARNING, why);
    }
}
