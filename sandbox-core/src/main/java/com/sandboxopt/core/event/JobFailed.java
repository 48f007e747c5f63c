package com.sandboxopt.core.event;

import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.ModelType;
import java.time.Instant;

/**
 * A job ended without success: {@code status} is failed, timed_out or cancelled, {@code error} says
 * why. Every line it emitted is stored by the time this fires.
 */
public record JobFailed(String jobId, ModelType modelType, JobStatus status, String error, Instant timestamp) {
}
