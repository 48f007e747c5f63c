package com.sandboxopt.core;

import java.time.Instant;

/** One stored log line of a job; {@code seq} counts 1, 2, 3, ... per job without gaps. */
public record LogLine(String jobId, long seq, LogLevel level, String message, Instant timestamp) {
}
