package com.sandboxopt.server.api.wire;

/** One job. */
public record JobAnswer(boolean success, JobJson job) {
    public JobAnswer(JobJson job) {
        this(true, job);
    }
}
