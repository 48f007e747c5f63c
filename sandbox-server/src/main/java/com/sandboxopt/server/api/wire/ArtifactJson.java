package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.sandboxopt.core.Artifact;

/** A file a job left under {@code output/}. */
public record ArtifactJson(String name, @JsonProperty("size_bytes") long sizeBytes,
                           @JsonProperty("content_type") String contentType, String sha256) {

    public static ArtifactJson of(Artifact artifact) {
        return new ArtifactJson(artifact.name(), artifact.sizeBytes(), artifact.contentType(), artifact.sha256());
    }
}
