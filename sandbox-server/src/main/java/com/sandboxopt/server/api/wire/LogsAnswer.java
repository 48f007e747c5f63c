package com.sandboxopt.server.api.wire;

import java.util.List;

/** A page of a job's stored log lines; {@code lastSeq} is where the next page starts. */
public record LogsAnswer(boolean success, String jobId, String status, List<LogLineJson> lines, long lastSeq) {
    public LogsAnswer(String jobId, String status, List<LogLineJson> lines, long lastSeq) {
        this(true, jobId, status, lines, lastSeq);
    }
}
