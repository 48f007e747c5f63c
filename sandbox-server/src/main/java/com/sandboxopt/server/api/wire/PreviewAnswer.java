package com.sandboxopt.server.api.wire;

import java.util.List;

/** The next fire times of a cron expression in a time zone, ISO-8601 with their offsets. */
public record PreviewAnswer(boolean success, List<String> runs) {
    public PreviewAnswer(List<String> runs) {
        this(true, runs);
    }
}
