package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import com.sandboxopt.core.internal.logs.JobLog;

/**
 * What one job's model and solver report, on its way to the listeners: each metric point is stored with the log's
 * next batch and announced once stored, after the lines the job printed before it, so a page that reloads (or
 * another client) reads the same points the live chart drew. Past {@link Metric#MAX_STORED_PER_JOB} points,
 * points still reach listeners and one WARNING line says why they are no longer kept.
 */
final class StoredMetrics implements JobListener {
    private final JobLog log;
    private final JobListener listeners;
    private long seq;
    private boolean stopped;

    StoredMetrics(JobLog log, JobListener listeners) {
        this.log = log;
        this.listeners = listeners;
    }

    @Override
    public void onMetric(MetricEvent event) {
        Metric point = next(event);
        if (point == null) {
            log.announce(() -> listeners.onMetric(event));
        } else {
            log.metric(point, () -> listeners.onMetric(event));
        }
    }

    @Override
    public void onProgress(ProgressEvent event) {
        log.announce(() -> listeners.onProgress(event));
    }

    /** The point to store, numbered; null past the cap. The model's thread and the solver's callback both report. */
    private synchronized Metric next(MetricEvent event) {
        if (stopped) {
            return null;
        }
        if (seq == Metric.MAX_STORED_PER_JOB) {
            stop("This job reported more than " + Metric.MAX_STORED_PER_JOB + " metric points: later ones are shown live"
                    + " but not stored (report every n-th iteration to keep them all)");
            return null;
        }
        seq++;
        return new Metric(event.jobId(), seq, event.name(), event.value(), event.step(), event.timestamp());
    }

    private void stop(String why) {
        stopped = true;
        log.emit(LogLevel.WARNING, why);
    }
}
