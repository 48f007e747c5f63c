package com.sandboxopt.core.event;

import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.ModelType;
import java.time.Instant;

/** A job ended successfully. Every line it emitted is stored by the time this fires. */
public record JobCompleted(String jobId, ModelType modelType, JobStatus status, Instant timestamp) {
}
