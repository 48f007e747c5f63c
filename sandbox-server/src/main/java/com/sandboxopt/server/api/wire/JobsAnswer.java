package com.sandboxopt.server.api.wire;

import java.util.List;

/** Jobs, newest first. */
public record JobsAnswer(boolean success, List<JobJson> jobs) {
    public JobsAnswer(List<JobJson> jobs) {
        this(true, jobs);
    }
}
