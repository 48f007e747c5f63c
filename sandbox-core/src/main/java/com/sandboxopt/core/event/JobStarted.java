package com.sandboxopt.core.event;

import com.sandboxopt.core.ModelType;
import java.time.Instant;

/** A job left the queue and started running. */
public record JobStarted(String jobId, ModelType modelType, String modelName, Instant timestamp) {
}
