package com.sandboxopt.server.api.wire;

/** A cancellation asked for. */
public record CancelAnswer(boolean success, String jobId, String message) {
    public CancelAnswer(String jobId, String message) {
        this(true, jobId, message);
    }
}
