package com.sandboxopt.core.event;

import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.ModelType;
import java.time.Instant;

/** One line a job printed or logged; {@code seq} counts 1, 2, 3, ... per job without gaps. */
public record LogEvent(String jobId, ModelType modelType, long seq, LogLevel level, String message,
                       Instant timestamp) {
}
