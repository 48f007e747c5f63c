package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.JobStatus;

/** How a job ended: final status, error (null on success) and result JSON (may be null). */
public record Outcome(JobStatus status, String error, String resultJson) {
    public static Outcome success(String resultJson) {
        return new Outcome(JobStatus.SUCCESS, null, resultJson);
    }

    public static Outcome failed(String error, String resultJson) {
        return new Outcome(JobStatus.FAILED, error, resultJson);
    }

    public static Outcome of(Termination termination, String resultJson) {
        return new Outcome(termination.status(), termination.error(), resultJson);
    }
}
