package com.sandboxopt.core.internal.service;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobInputs;
import com.sandboxopt.core.JobModel;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobOutcome;
import com.sandboxopt.core.JobPlacement;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobTimes;
import com.sandboxopt.core.Jobs;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.assembly.SandboxParts;
import com.sandboxopt.core.internal.data.DataCatalog;
import com.sandboxopt.core.internal.data.JobData;
import com.sandboxopt.core.internal.logs.StoredLogText;
import com.sandboxopt.core.internal.queue.Submission;
import com.sandboxopt.core.internal.util.Ids;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.util.Now;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Jobs}: accepting a job builds it from its model, config and data, and hands it to the queue. */
public final class JobService implements Jobs {
    private static final Instant LATEST_DEADLINE = Instant.parse("9999-12-31T23:59:59.999999Z");
    private final SandboxParts parts;
    private final Limits defaultLimits;

    public JobService(SandboxParts parts, Limits defaultLimits) {
        this.parts = parts;
        this.defaultLimits = defaultLimits;
    }

    @Override
    public JobHandle execute(ExecutionRequest request) {
        return execute(request, JobOrigin.asked());
    }

    /** Accepts a job as {@link #execute(ExecutionRequest)} does, recording what started it. */
    public JobHandle execute(ExecutionRequest request, JobOrigin origin) {
        Instant deadline = deadline(request.deadline());
        Model model = parts.models().get(request.modelId());
        if (model.status() == ModelStatus.ARCHIVED) {
            throw new SandboxException(ErrorCode.MODEL_ARCHIVED,
                    "Model " + model.name() + " is archived: upload it again to run it");
        }
        Map<String, Object> config = Json.readObject(Json.write(request.config())); // a deep copy, JSON-checked
        RuntimeKind runtime = request.runtime() != null ? request.runtime() : model.runtime();
        parts.runtimes().requireAvailable(runtime);
        JobData data = parts.data().resolve(request.dataSourceId(), request.dataSources());
        Instant now = Now.instant();
        String jobId = Ids.jobId(model.type(), now);
        String publishAs = request.publishAs() == null ? null : DataCatalog.checkedName(request.publishAs());
        JobInputs inputs = new JobInputs(config, data.main() == null ? null : data.main().id(), data.aliasIds(),
                publishAs);
        JobOrigin owned = request.owner() == null ? origin : origin.withOwner(request.owner());
        owned = request.priority() == null ? owned : owned.withPriority(request.priority());
        Job accepted = new Job(jobId, JobModel.of(model), inputs, JobPlacement.on(runtime), JobTimes.acceptedAt(now, deadline),
                JobOutcome.queued(), owned);
        Limits limits = request.limits() != null ? request.limits() : defaultLimits;
        return parts.queue().submit(new Submission(accepted, model, limits, data));
    }

    /**
     * The deadline as stored (to the microsecond, as every stored time). One already passed is refused before anything
     * is looked up or stored, and so is one past the year 9999, which not every database can store.
     */
    private static Instant deadline(Instant requested) {
        if (requested == null) {
            return null;
        }
        Instant now = Now.instant();
        if (!requested.isAfter(now)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "deadline " + requested + " has already passed (it is "
                    + now + " now): send a later one, or none");
        }
        if (requested.isAfter(LATEST_DEADLINE)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "deadline " + requested
                    + " is too far ahead: send one before the year 10000, or none");
        }
        return requested.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Job get(String jobId) {
        return find(jobId).orElseThrow(() -> new SandboxException(ErrorCode.JOB_NOT_FOUND,
                "No job with id '" + jobId + "'"));
    }

    @Override
    public Optional<Job> find(String jobId) {
        return parts.storage().findJob(jobId);
    }

    @Override
    public Optional<JobHandle> handle(String jobId) {
        return parts.queue().handle(jobId);
    }

    @Override
    public List<Job> list(JobQuery query) {
        return parts.storage().listJobs(query == null ? JobQuery.latest(JobQuery.DEFAULT_LIMIT) : query);
    }

    @Override
    public void cancel(String jobId) {
        if (parts.queue().cancel(jobId)) {
            return;
        }
        Job job = get(jobId);
        throw new SandboxException(ErrorCode.JOB_ALREADY_FINISHED,
                "Job " + jobId + " already ended with status " + job.status().wireName());
    }

    @Override
    public List<LogLine> logs(String jobId, LogQuery query) {
        get(jobId);
        return parts.storage().readLogs(jobId, query == null ? LogQuery.all() : query);
    }

    @Override
    public InputStream openLog(String jobId) {
        get(jobId);
        return new StoredLogText(parts.storage(), jobId);
    }

    @Override
    public Path logFile(String jobId) {
        return parts.runner().logFileOf(jobId).toAbsolutePath();
    }

    @Override
    public List<Metric> metrics(String jobId) {
        get(jobId);
        return parts.storage().readMetrics(jobId);
    }

    @Override
    public List<Artifact> artifacts(String jobId) {
        get(jobId);
        return parts.artifacts().list(jobId);
    }

    @Override
    public Artifact artifact(String jobId, String name) {
        get(jobId);
        return parts.artifacts().get(jobId, name);
    }

    @Override
    public InputStream openArtifact(String jobId, String name) {
        get(jobId);
        return parts.artifacts().open(jobId, name);
    }
}
