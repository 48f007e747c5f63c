package com.sandboxopt.core;

import java.util.Objects;

/**
 * How a job is doing, and once it has ended, how it ended.
 *
 * @param status    current status
 * @param error     why it did not succeed; null otherwise
 * @param result    what the model passed to {@code sandbox.result(...)}, JSON-like; may be null
 * @param lineCount log lines stored so far (final once the job has ended)
 */
public record JobOutcome(JobStatus status, String error, Object result, long lineCount) {
    public JobOutcome {
        Objects.requireNonNull(status, "status");
    }

    /** A job waiting for its turn: no error, no result, no lines yet. */
    public static JobOutcome queued() {
        return new JobOutcome(JobStatus.QUEUED, null, null, 0);
    }
}
