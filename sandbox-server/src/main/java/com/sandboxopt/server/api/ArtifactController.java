package com.sandboxopt.server.api;

import com.sandboxopt.server.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.api.wire.ArtifactJson;
import com.sandboxopt.server.api.wire.ArtifactsAnswer;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.InputStream;

/** The files a job left under {@code output/}, kept once it has ended whatever its status. */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArtifactController {
    private final Sandbox sandbox;

    public ArtifactController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** {@code {"artifacts": [{"name", "size_bytes", "content_type", "sha256"}]}}; empty while the job runs. */
    @Get("/jobs/{jobId}/artifacts")
    public ArtifactsAnswer artifacts(@PathVariable String jobId) {
        return new ArtifactsAnswer(jobId, sandbox.jobs().artifacts(jobId).stream().map(ArtifactJson::of).toList());
    }

    /** One artifact as an attachment, streamed. Its name may have folders, as in {@code plots/day.svg}. */
    @Get("/jobs/{jobId}/artifacts/{name:.+}")
    public HttpResponse<StreamedFile> artifact(@PathVariable String jobId, @PathVariable String name) {
        Job job = sandbox.jobs().get(jobId);
        Artifact artifact = sandbox.jobs().artifact(jobId, name);
        InputStream content = sandbox.jobs().openArtifact(jobId, name);
        return Downloads.attachment(content, artifact.name(), artifact.contentType(), artifact.sizeBytes(),
                job.times().finishedAt());
    }
}
