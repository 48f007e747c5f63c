package com.sandboxopt.server.api;

import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.CancelAnswer;
import com.sandboxopt.server.api.wire.ExecuteAnswer;
import com.sandboxopt.server.api.wire.ExecuteBody;
import com.sandboxopt.server.api.wire.JobAnswer;
import com.sandboxopt.server.api.wire.JobJson;
import com.sandboxopt.server.api.wire.JobsAnswer;
import com.sandboxopt.server.api.wire.LogLineJson;
import com.sandboxopt.server.api.wire.LogsAnswer;
import com.sandboxopt.server.api.wire.MetricJson;
import com.sandboxopt.server.api.wire.MetricsAnswer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Executing models, and reading, cancelling and downloading jobs. */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {
    private static final int DEFAULT_LOG_LIMIT = 10_000;

    /** The request header of an idempotency key (the common name, as in the IETF draft and Stripe's API). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The same key as a body field, for clients that cannot set headers. */
    public static final String IDEMPOTENCY_FIELD = "idempotencyKey";
    /** Answer header of a replayed execute. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The error code of an idempotency key sent again with another request. */
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    /** The error code of an idempotency key whose first request has not answered yet. */
    public static final String IDEMPOTENCY_KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE";

    private final Sandbox sandbox;
    private final ObjectMapper mapper;
    private final IdempotencyKeys idempotencyKeys;

    public JobController(Sandbox sandbox, ObjectMapper mapper, IdempotencyKeys idempotencyKeys) {
        this.sandbox = sandbox;
        this.mapper = mapper;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Accepts {@code {"modelId","modelType","dataSourceId","dataSources","config","runtime","deadline"}} and returns as soon as
     * the job is queued or running. {@code runtime} ({@code graalpy} or {@code cpython}) runs this one job elsewhere
     * than the model's runtime ({@code auto} or absent keeps the model's); 409 when that runtime cannot run on this
     * server. {@code dataSourceId} (an id, or a name for its latest version) is read under {@code data/}, each of
     * {@code dataSources} ({@code {"<alias>": "<id or name>"}}) under {@code data/<alias>/}: 404 for an unknown one,
     * 409 for an archived one, checked before anything is queued. {@code deadline} (an ISO-8601 instant) is when the
     * job must have ended: 400 when it is no instant or has already passed.
     * <p>
     * With an {@code Idempotency-Key} header (or an {@code "idempotencyKey"} body field) the same key within
     * {@code sandbox.idempotency.window} answers the first request's answer again, with {@code "replayed": true}
     * and {@code Idempotent-Replayed: true}, and starts nothing, on whichever node sharing the database gets it; the
     * same key with another request is a 409 {@code IDEMPOTENCY_KEY_REUSED}, and while the first request has not
     * answered after a few seconds a 409 {@code IDEMPOTENCY_KEY_IN_USE} (retry). A request that fails is not remembered.
     */
    @Post("/execute")
    @Secured(Roles.ANALYST)
    @Audited("job.execute")
    @ApiResponse(responseCode = "200", description = "queued (or the first answer again: replayed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecuteAnswer.class)))
    @ApiResponse(responseCode = "409", description = "the key was used for another request or is still in use by the"
            + " first, or the runtime cannot run here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<?> execute(HttpRequest<?> httpRequest, @Valid @Body @Nullable ExecuteBody body,
            @Parameter(description = "1 to 200 printable ASCII characters (e.g. a UUID); the same key within the window"
                    + " answers the first answer again (replayed) and starts nothing")
            @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey) {
        if (idempotencyKey == null && httpRequest.getHeaders().contains(IDEMPOTENCY_KEY)) {
            idempotencyKey = ""; // sent empty: refused below rather than taken for none
        }
        if (body == null) { // no body, an empty one, or JSON null
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, ExecuteBody.EXAMPLE);
        }
        body.deadlineInstant(); // a malformed one is refused before a key is claimed
        String key = IdempotencyKeys.validKey(idempotencyKey, body.idempotencyKey());
        Caller caller = Caller.of(httpRequest);
        if (body.priority() != null && body.priority() == JobOrigin.TOP_PRIORITY && !caller.isAdmin()) {
            throw new SandboxException(ErrorCode.FORBIDDEN, "priority " + JobOrigin.TOP_PRIORITY + " is the top band,"
                    + " kept for admins (e.g. the gate-closure run): send 0-8");
        }
        String owner = caller.owner();
        if (key == null) {
            return HttpResponse.ok(start(body, owner));
        }
        // another user's request with the same key and body is another request: it gets no answer of the first's
        IdempotencyKeys.Outcome outcome = idempotencyKeys.run(key, fingerprint(body) + (owner == null ? "" : "@" + owner),
                () -> start(body, owner).withKey(key));
        return switch (outcome.kind()) {
            case FIRST -> HttpResponse.ok(outcome.response());
            case REPLAYED -> HttpResponse.ok(outcome.response().asReplayed(true)).header(REPLAYED_HEADER, "true");
            case CONFLICT -> {
                String firstJob = outcome.response().jobId();
                yield HttpResponse.status(HttpStatus.CONFLICT).body(ApiError.of("Idempotency-Key " + key
                        + " was already used within the last " + minutes(idempotencyKeys.window())
                        + " for another request (it started job " + firstJob + "): send a new key for a new request, or"
                        + " the same body to get that answer again", IDEMPOTENCY_KEY_REUSED).withJobId(firstJob));
            }
            // the IETF draft's answer to a retry that overtakes its first request
            case IN_USE -> HttpResponse.status(HttpStatus.CONFLICT).header("Retry-After", "1").body(ApiError.of(
                    "Idempotency-Key " + key + " belongs to a request that is still being answered (on this or another"
                    + " node): send this request again in a second to get its answer", IDEMPOTENCY_KEY_IN_USE));
        };
    }

    /** Checks the request and queues its job: the answer of a first request. */
    private ExecuteAnswer start(ExecuteBody request, String owner) {
        Model model = sandbox.models().get(request.modelId());
        String modelType = request.modelType();
        if (modelType != null && ModelType.parse(modelType) != model.type()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelType " + modelType.trim().toUpperCase()
                    + " does not match the model's type " + model.type() + ": send " + model.type() + " or leave it out");
        }
        RuntimeKind runtime = request.runtime() == null ? null : RuntimeKind.parse(request.runtime());
        JobHandle handle = sandbox.jobs().execute(ExecutionRequest.of(request.modelId()).withConfig(request.config())
                .withDataSourceId(request.dataSourceId()).withDataSources(request.dataSources()).withRuntime(runtime)
                .withPublishAs(request.publishAs()).withDeadline(request.deadlineInstant()).withOwner(owner)
                .withPriority(request.priority() == null ? 0 : request.priority()));
        Job accepted = sandbox.jobs().find(handle.jobId()).orElse(null);
        // as the library decides: an override other than auto wins, otherwise the model's own
        RuntimeKind runs = runtime == null || runtime == RuntimeKind.AUTO ? model.runtime() : runtime;
        // the exact ids the job reads, a name resolved to its version
        return new ExecuteAnswer(true, handle.jobId(), handle.status().wireName(),
                sandbox.jobs().logFile(handle.jobId()).toString(), model.id(), model.type().name(), runs.wireName(),
                accepted == null ? null : accepted.inputs().dataSourceId(),
                accepted == null ? Map.of() : accepted.inputs().dataSources(), null, false);
    }

    /**
     * What a request asks for, whatever its key order, spacing and {@code idempotencyKey}: the SHA-256 of the
     * read body without its key, written with sorted keys (a blank field and an absent one ask for the same).
     */
    private String fingerprint(ExecuteBody request) {
        try {
            byte[] canonical = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(request.withoutKey());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    private static String minutes(Duration window) {
        return window.toSeconds() % 60 == 0 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }

    /** Jobs, newest first, optionally of one model type and status, of one model, or started by one schedule. */
    @Get("/jobs")
    public JobsAnswer jobs(@QueryValue @Nullable String modelType, @QueryValue @Nullable String status,
                           @QueryValue @Nullable String modelId, @QueryValue @Nullable String scheduleId,
                           @QueryValue @Nullable Integer limit) {
        JobQuery query = new JobQuery(QueryParams.present(modelType) ? ModelType.parse(modelType) : null,
                QueryParams.present(status) ? JobStatus.parse(status) : null,
                QueryParams.present(modelId) ? modelId : null,
                QueryParams.present(scheduleId) ? scheduleId : null,
                limit == null ? JobQuery.DEFAULT_LIMIT : limit);
        return new JobsAnswer(sandbox.jobs().list(query).stream().map(this::json).toList());
    }

    @Get("/jobs/{jobId}")
    public JobAnswer job(@PathVariable String jobId) {
        return new JobAnswer(json(sandbox.jobs().get(jobId)));
    }

    /** The log file is this node's path for the job: the job itself carries no host path. */
    private JobJson json(Job job) {
        return JobJson.of(job, sandbox.jobs().logFile(job.id()));
    }

    /** Asks a queued or running job to stop; 409 when it already ended. */
    @Post("/jobs/{jobId}/cancel")
    @Secured(Roles.ANALYST)
    @Audited(value = "job.cancel", target = "jobId")
    public CancelAnswer cancel(HttpRequest<?> request, @PathVariable String jobId) {
        Job job = sandbox.jobs().get(jobId);
        Caller.of(request).mayChange(job.origin().owner(), "Job " + jobId);
        sandbox.jobs().cancel(jobId);
        return new CancelAnswer(jobId, "Cancellation requested: the job ends as cancelled within a second");
    }

    /** The job's stored metric points in the order reported (at most Sandbox.MAX_STORED_METRICS). */
    @Get("/jobs/{jobId}/metrics")
    public MetricsAnswer metrics(@PathVariable String jobId) {
        return new MetricsAnswer(jobId, sandbox.jobs().metrics(jobId).stream().map(MetricJson::of).toList());
    }

    /** Stored lines with {@code seq > afterSeq}, optionally of one level. */
    @Get("/jobs/{jobId}/logs")
    public LogsAnswer logs(@PathVariable String jobId, @QueryValue @Nullable String level,
                                    @QueryValue @Nullable Long afterSeq, @QueryValue @Nullable Integer limit) {
        LogQuery query = new LogQuery(QueryParams.present(level) ? LogLevel.parse(level) : null,
                afterSeq == null ? 0 : afterSeq, limit == null ? DEFAULT_LOG_LIMIT : limit);
        Job job = sandbox.jobs().get(jobId);
        List<LogLine> lines = sandbox.jobs().logs(jobId, query);
        return new LogsAnswer(jobId, job.status().wireName(), lines.stream().map(LogLineJson::of).toList(),
                lines.isEmpty() ? query.afterSeq() : lines.get(lines.size() - 1).seq());
    }

    /**
     * The job's log as a text attachment, in its log file's format (empty while the job is still queued), from the
     * stored lines: every node serves it, whichever ran the job. Streamed as it is read, without a length, since a
     * running job's log grows while it is sent.
     */
    @Get("/jobs/{jobId}/logs/download")
    public HttpResponse<StreamedFile> download(@PathVariable String jobId) {
        Job job = sandbox.jobs().get(jobId);
        // no Last-Modified until it ended: a browser's If-Modified-Since would get a 304 for a log that grew
        return Downloads.attachment(sandbox.jobs().openLog(jobId), jobId + ".log", "text/plain; charset=utf-8", -1,
                job.times().finishedAt());
    }
}
