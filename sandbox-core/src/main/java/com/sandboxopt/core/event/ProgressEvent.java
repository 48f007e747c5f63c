package com.sandboxopt.core.event;

import com.sandboxopt.core.ModelType;
import java.time.Instant;

/** The model reported progress: {@code fraction} in [0, 1], with an optional message (may be null). */
public record ProgressEvent(String jobId, ModelType modelType, double fraction, String message, Instant timestamp) {
}
