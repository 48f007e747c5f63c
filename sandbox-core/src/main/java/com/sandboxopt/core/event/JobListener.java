package com.sandboxopt.core.event;

/**
 * Receives the events of every job. Implement only what you need. Events of one job arrive in
 * order, on that job's thread: keep handlers quick (hand slow work to your own executor).
 * An exception thrown by a handler is logged and does not affect the job.
 */
public interface JobListener {
    default void onStarted(JobStarted event) {
    }

    default void onLog(LogEvent event) {
    }

    default void onProgress(ProgressEvent event) {
    }

    default void onMetric(MetricEvent event) {
    }

    /** The job ended with status {@code success}. */
    default void onCompleted(JobCompleted event) {
    }

    /** The job ended with status {@code failed}, {@code timed_out} or {@code cancelled}. */
    default void onFailed(JobFailed event) {
    }
}
