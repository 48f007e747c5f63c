package com.sandboxopt.server.api.wire;

import java.util.List;

/** The files a job left; empty while it runs. */
public record ArtifactsAnswer(boolean success, String jobId, List<ArtifactJson> artifacts) {
    public ArtifactsAnswer(String jobId, List<ArtifactJson> artifacts) {
        this(true, jobId, artifacts);
    }
}
