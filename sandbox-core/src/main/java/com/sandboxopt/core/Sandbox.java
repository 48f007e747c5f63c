package com.sandboxopt.core;

import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.models.ModelCatalog;
import com.sandboxopt.core.internal.assembly.SandboxParts;
import com.sandboxopt.core.internal.queue.Submission;
import com.sandboxopt.core.internal.data.JobData;
import com.sandboxopt.core.internal.idempotency.KeyedAnswers;
import com.sandboxopt.core.internal.logs.StoredLogText;
import com.sandboxopt.core.internal.runtime.ImportScanner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates, stores and runs Python optimization models, each job in its own sandbox: a GraalPy
 * context in the JVM, or a CPython interpreter in an OS sandbox (bubblewrap) for models that need
 * native packages. Build one per application; it is immutable, thread-safe and must be closed.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().dataDirectory(Path.of("data")).build()) {
 *     Model model = sandbox.uploadModel(ModelUpload.of("m.py", bytes, ModelType.DMO));
 *     Job job = sandbox.execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    /** Metric points stored per job ({@link Metric#MAX_STORED_PER_JOB}). */
    public static final int MAX_STORED_METRICS = Metric.MAX_STORED_PER_JOB;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sandbox.class);
    private final SandboxParts parts;
    private final ModelCatalog models;
    private final Limits defaultLimits;
    private final RuntimeKind defaultRuntime;
    private final int maxQueueLength;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    Sandbox(SandboxBuilder settings) {
        this.parts = SandboxParts.start(settings.config());
        this.models = parts.models();
        this.defaultLimits = settings.defaultLimits;
        this.defaultRuntime = settings.defaultRuntime;
        this.maxQueueLength = settings.maxQueueLength;
        if (settings.learnImports) {
            learnFromStoredModels();
        }
    }

    /** After a restart, the newest stored models' imports are what the first contexts prepare. */
    private void learnFromStoredModels() {
        try {
            List<Model> newest = parts.storage().listModels(new ModelQuery(null, ModelStatus.ACTIVE));
            for (int i = Math.min(8, newest.size()) - 1; i >= 0; i--) { // oldest first: the newest end up most recent
                Model model = newest.get(i);
                parts.runtimes().use(model.runtime());
                prepareFor(model, parts.models().source(model.id()));
            }
            parts.scheduler().refreshPreparedContexts();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the stored models' imports; contexts start without them", e);
        }
    }

    public static SandboxBuilder builder() {
        return new SandboxBuilder();
    }

    // ---- models

    /**
     * Validates and stores a model. Nothing is stored when a check fails.
     *
     * @throws ModelValidationException naming what to fix (for a syntax error, with line and column)
     * @throws SandboxException          RUNTIME_UNAVAILABLE when the runtime asked for cannot run here
     */
    public Model uploadModel(ModelUpload upload) {
        RuntimeKind requested = upload.runtime() != null ? upload.runtime() : defaultRuntime;
        Model model = models.upload(upload, source -> parts.chooser().choose(requested, source));
        prepareFor(model, new String(upload.content(), StandardCharsets.UTF_8));
        parts.scheduler().refreshPreparedContexts(); // its first run finds its imports done
        return model;
    }

    /** So that the model's first run finds its imports done and, if it solves, a solver worker started. */
    private void prepareFor(Model model, String source) {
        java.util.Set<String> imports = ImportScanner.modules(source);
        parts.runtimes().get(model.runtime()).learnImports(imports);
        if (parts.solver() != null && (imports.stream().anyMatch(m -> m.equals("pulp") || m.startsWith("pulp."))
                || source.contains("sandbox.solve") || source.contains("from sandbox import"))) {
            parts.solver().prepare();
        }
    }

    /** @throws SandboxException with {@link ErrorCode#MODEL_NOT_FOUND} */
    public Model model(String id) {
        return models.get(id);
    }

    public Optional<Model> findModel(String id) {
        return parts.storage().findModel(id);
    }

    public List<Model> listModels(ModelQuery query) {
        return parts.storage().listModels(query == null ? ModelQuery.all() : query);
    }

    /** Number of models per type, every type present; {@code status} null counts all. */
    public Map<ModelType, Long> modelCounts(ModelStatus status) {
        return parts.storage().countModels(status);
    }

    /** The model's Python source text. */
    public String modelSource(String id) {
        return models.source(id);
    }

    /** Archives a model: it can no longer run; it, its jobs and their logs stay readable. */
    public Model archiveModel(String id) {
        return models.archive(id);
    }

    /** Makes an archived model active again (the undo of {@link #archiveModel}); an active one stays as it is. */
    public Model restoreModel(String id) {
        return models.restore(id);
    }

    // ---- data sources

    /**
     * Starts uploading a data source: add its files, then commit. Uploading under a name that exists
     * makes its next version.
     *
     * @throws SandboxException INVALID_ARGUMENT for a name that is not 1 to 100 letters, digits, '.', '_' or '-'
     */
    public DataSourceDraft newDataSource(String name, String description) {
        return parts.data().newDraft(name, description);
    }

    /** Uploads a data source from files in memory, by name (as {@link #newDataSource}, for small data). */
    public DataSource uploadDataSource(String name, String description, Map<String, byte[]> files) {
        try (DataSourceDraft draft = newDataSource(name, description)) {
            files.forEach(draft::addFile);
            return draft.commit();
        }
    }

    /**
     * A data source by id, or by name for its latest version.
     *
     * @throws SandboxException with {@link ErrorCode#DATA_SOURCE_NOT_FOUND}
     */
    public DataSource dataSource(String idOrName) {
        return parts.data().get(idOrName);
    }

    /** By id, or by name for its latest version. */
    public Optional<DataSource> findDataSource(String idOrName) {
        return parts.data().find(idOrName);
    }

    /** Data sources, newest first; {@link DataSourceQuery#versionsOf} gives one name's versions. */
    public List<DataSource> listDataSources(DataSourceQuery query) {
        return parts.data().list(query);
    }

    /**
     * Reads one file of a data source; close the stream.
     *
     * @throws SandboxException DATA_SOURCE_NOT_FOUND or FILE_NOT_FOUND
     */
    public InputStream openDataFile(String idOrName, String fileName) {
        return parts.data().openFile(idOrName, fileName);
    }

    /**
     * Archives a data source version (by id, or the latest of a name): no new job may use it; jobs that
     * did keep naming it, and its files stay readable.
     */
    public DataSource archiveDataSource(String idOrName) {
        return parts.data().archive(idOrName);
    }

    /** The files the job left under {@code output/}, by name; empty until it has ended. */
    public List<Artifact> artifacts(String jobId) {
        job(jobId);
        return parts.artifacts().list(jobId);
    }

    /**
     * Reads one artifact of a job; close the stream.
     *
     * @throws SandboxException JOB_NOT_FOUND or FILE_NOT_FOUND
     */
    public InputStream openArtifact(String jobId, String name) {
        job(jobId);
        return parts.artifacts().open(jobId, name);
    }

    /** The artifact's description, as listed. */
    public Artifact artifact(String jobId, String name) {
        job(jobId);
        return parts.artifacts().get(jobId, name);
    }

    // ---- jobs

    /**
     * Accepts a job and returns at once; the job is queued or already running.
     *
     * @throws SandboxException MODEL_NOT_FOUND, MODEL_ARCHIVED, INVALID_ARGUMENT (config not JSON-like, a bad
     *                          alias), DATA_SOURCE_NOT_FOUND, DATA_SOURCE_ARCHIVED, RUNTIME_UNAVAILABLE or QUEUE_FULL
     */
    public JobHandle execute(ExecutionRequest request) {
        Model model = models.get(request.modelId());
        if (model.status() == ModelStatus.ARCHIVED) {
            throw new SandboxException(ErrorCode.MODEL_ARCHIVED,
                    "Model " + model.name() + " is archived: upload it again to run it");
        }
        Map<String, Object> config = Json.readObject(Json.write(request.config())); // a deep copy, JSON-checked
        RuntimeKind runtime = request.runtime() != null ? request.runtime() : model.runtime();
        parts.runtimes().requireAvailable(runtime);
        JobData data = parts.data().resolve(request.dataSourceId(), request.dataSources());
        Instant now = Now.instant();
        String jobId = com.sandboxopt.core.internal.util.Ids.jobId(model.type(), now);
        Job accepted = new Job(jobId, model.id(), model.name(), model.type(), JobStatus.QUEUED, config,
                data.main() == null ? null : data.main().id(), now, null, null, null, null, logFile(jobId).toString(), 0,
                runtime, data.aliasIds());
        Limits limits = request.limits() != null ? request.limits() : defaultLimits;
        return parts.queue().submit(new Submission(accepted, model, limits, data));
    }

    /** @throws SandboxException with {@link ErrorCode#JOB_NOT_FOUND} */
    public Job job(String jobId) {
        return findJob(jobId).orElseThrow(() -> jobNotFound(jobId));
    }

    public Optional<Job> findJob(String jobId) {
        return parts.storage().findJob(jobId);
    }

    /** The handle of a job that is queued or running here, or was submitted here and has not ended, if it is. */
    public Optional<JobHandle> handle(String jobId) {
        return parts.queue().handle(jobId);
    }

    /** Jobs, newest first. */
    public List<Job> listJobs(JobQuery query) {
        return parts.storage().listJobs(query == null ? JobQuery.latest(JobQuery.DEFAULT_LIMIT) : query);
    }

    /**
     * Cancels a queued or running job, on whichever node of a shared database runs it; it ends as {@code cancelled}
     * within a second.
     *
     * @throws SandboxException JOB_NOT_FOUND, or JOB_ALREADY_FINISHED with the final status
     */
    public void cancel(String jobId) {
        if (parts.queue().cancel(jobId)) {
            return;
        }
        Job job = job(jobId);
        throw new SandboxException(ErrorCode.JOB_ALREADY_FINISHED,
                "Job " + jobId + " already ended with status " + job.status().wireName());
    }

    /** The job's stored log lines. */
    public List<LogLine> logs(String jobId, LogQuery query) {
        job(jobId);
        return parts.storage().readLogs(jobId, query == null ? LogQuery.all() : query);
    }

    /**
     * The metrics the job reported, in the order reported (at most {@link #MAX_STORED_METRICS} points are kept
     * per job; later ones still reach listeners).
     */
    public List<Metric> metrics(String jobId) {
        job(jobId);
        return parts.storage().readMetrics(jobId);
    }

    /**
     * Answers kept by idempotency key in this sandbox's database, so that a request sent twice runs once, whichever
     * process sharing the database gets it: a key is remembered for {@code window} from its first request, and at
     * most {@code maxKeys} answered keys are kept (the oldest go first). See {@link IdempotentAnswers}.
     *
     * @throws SandboxException INVALID_ARGUMENT for a window that is not positive or maxKeys below 1; STORAGE_FAILURE
     *                          for a {@code storage(...)} of your own that does not keep idempotency keys
     */
    public IdempotentAnswers idempotentAnswers(java.time.Duration window, int maxKeys) {
        return KeyedAnswers.of(parts.storage(), window, maxKeys, nodeId().orElse(null));
    }

    /** Where models, jobs and lines are kept, e.g. {@code PostgreSQL 15.18 at jdbc:postgresql://db:5432/sandbox}. */
    public String storageDescription() {
        return parts.storage().description();
    }

    /**
     * The job's stored lines as the text of its log file ({@code [<timestamp>] <LEVEL> <message>} per line), read as
     * the stream is: what any node sharing the database can serve. Close the stream.
     *
     * @throws SandboxException JOB_NOT_FOUND
     */
    public InputStream openLog(String jobId) {
        job(jobId);
        return new StoredLogText(parts.storage(), jobId);
    }

    /** Where the job's log file is (or will be) on the node that runs it. */
    public Path logFile(String jobId) {
        return parts.runner().logFileOf(jobId).toAbsolutePath();
    }

    // ---- events and state

    /** Adds a listener for every job's events; close the returned handle to remove it. */
    public AutoCloseable addListener(JobListener listener) {
        parts.listeners().add(listener);
        return () -> parts.listeners().remove(listener);
    }

    /** The GraalPy engine: implementation, whether it compiles, Python version. */
    public RuntimeInfo runtime() {
        return parts.runtime().info();
    }

    /** Each runtime: whether jobs can run on it here, with what, or why not. */
    public List<RuntimeStatus> runtimes() {
        return parts.runtimes().statuses();
    }

    /** What an upload that names no runtime gets. */
    public RuntimeKind defaultRuntime() {
        return defaultRuntime;
    }

    /** The package folders models may import from: guest path (e.g. {@code /packages/pulp}) to host folder. */
    public Map<String, Path> packageFolders() {
        return parts.work().packages().described();
    }

    /** The solver behind {@code sandbox.solve} and PuLP, described (e.g. {@code OR-Tools 9.12.4544 ...}), if one is configured. */
    public Optional<String> solverDescription() {
        return Optional.ofNullable(parts.solver()).map(com.sandboxopt.core.solver.Solver::description);
    }

    /** The backends a job may name in {@code sandbox.solve}, the default first; empty without a solver. */
    public java.util.Set<String> solverBackends() {
        return parts.solver() == null ? java.util.Set.of() : parts.solver().backends();
    }

    /** Jobs running here and waiting; with a shared database, waiting counts the jobs queued for every node. */
    public QueueStats queueStats() {
        return parts.queue().stats();
    }

    /** This node's name among the nodes sharing a PostgreSQL database; empty on a database of its own (H2). */
    public Optional<String> nodeId() {
        return parts.queue().nodeId();
    }

    public Limits defaultLimits() {
        return defaultLimits;
    }

    /** Cancels queued and running jobs, stores their last lines, and releases the engine and database. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            parts.close();
        }
    }

    private static SandboxException jobNotFound(String jobId) {
        return new SandboxException(ErrorCode.JOB_NOT_FOUND, "No job with id '" + jobId + "'");
    }
}
