package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.SandboxException;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Publishing a job's outputs ({@code publishAs}): when it succeeds, the files it left under {@code output/} become the
 * next version of a data source, made of the same stored bytes, so that the next model in a chain reads them.
 */
public final class OutputPublisher {
    private final DataCatalog data;
    private final ArtifactShelf artifacts;

    public OutputPublisher(DataCatalog data, ArtifactShelf artifacts) {
        this.data = data;
        this.artifacts = artifacts;
    }

    /** Publishes and says so in the job's log; returns why it could not (the job then fails), or null. */
    public String publish(String jobId, String owner, String name, BiConsumer<LogLevel, String> log) {
        List<Artifact> left = artifacts.list(jobId);
        List<String> nested = left.stream().map(Artifact::name).filter(n -> n.contains("/")).toList();
        if (!nested.isEmpty()) {
            log.accept(LogLevel.WARNING, "Not published with the rest (a data source has no folders): "
                    + String.join(", ", nested.stream().map(n -> "output/" + n).toList()));
        }
        if (left.size() == nested.size()) {
            return "publishAs '" + name + "': the job left no file directly under output/ to publish";
        }
        try {
            DataSource published = data.publish(name, jobId, owner, left);
            log.accept(LogLevel.INFO, "Published output/ as data source " + published.name() + " version "
                    + published.version() + " (" + published.id() + ", " + published.files().size() + " files)");
            return null;
        } catch (SandboxException e) {
            return "publishAs '" + name + "' failed: " + e.getMessage();
        }
    }
}
