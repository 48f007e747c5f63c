package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.LogLine;

/** A stored log line of a job. */
public record LogLineJson(long seq, String level, String message, String timestamp) {

    public static LogLineJson of(LogLine line) {
        return new LogLineJson(line.seq(), line.level().name(), line.message(), Times.iso(line.timestamp()));
    }
}
