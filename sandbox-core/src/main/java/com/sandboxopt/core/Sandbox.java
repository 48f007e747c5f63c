package com.sandboxopt.core;

import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.assembly.SandboxConfig;
import com.sandboxopt.core.internal.assembly.SandboxParts;
import com.sandboxopt.core.internal.assembly.SettingsCheck;
import com.sandboxopt.core.internal.experiments.ExperimentService;
import com.sandboxopt.core.internal.experiments.NoExperiments;
import com.sandboxopt.core.internal.idempotency.KeyedAnswers;
import com.sandboxopt.core.internal.queue.shared.ClusterSettings;
import com.sandboxopt.core.internal.service.DataSourceService;
import com.sandboxopt.core.internal.service.JobService;
import com.sandboxopt.core.internal.service.ModelService;
import com.sandboxopt.core.internal.service.ScheduleService;
import com.sandboxopt.core.internal.users.AuditTrail;
import com.sandboxopt.core.internal.users.NoTeam;
import com.sandboxopt.core.internal.users.UserService;
import com.sandboxopt.core.solver.Solver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Validates, stores and runs Python optimization models, each job in its own sandbox: a CPython interpreter in an
 * OS sandbox (bubblewrap) or a GraalPy context in the JVM. Build one per application; it is immutable, thread-safe
 * and must be closed. It hands out its areas: {@link #models()}, {@link #jobs()}, {@link #dataSources()},
 * {@link #schedules()}, {@link #users()} and {@link #audit()}.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().dataDirectory(Path.of("data")).build()) {
 *     Model model = sandbox.models().upload(ModelUpload.of("m.py", bytes, ModelType.DMO));
 *     Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    /** Metric points stored per job ({@link Metric#MAX_STORED_PER_JOB}). */
    public static final int MAX_STORED_METRICS = Metric.MAX_STORED_PER_JOB;

    private final SandboxParts parts;
    private final ModelService models;
    private final JobService jobs;
    private final DataSourceService dataSources;
    private final Schedules schedules;
    private final Experiments experiments;
    private final Users users;
    private final Audit audit;
    private final Limits defaultLimits;
    private final RuntimeKind defaultRuntime;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Checks the builder's settings, naming the one that is wrong, before anything starts. */
    Sandbox(SandboxBuilder b) {
        this(SettingsCheck.checked(new SandboxConfig(b.dataDirectory, b.logDirectory, b.inMemoryDatabase, b.storage,
                b.maxModelBytes, b.poolSize, b.maxQueueLength, b.memoryLimitFraction, b.preImports, b.learnImports,
                b.compilerThreads, b.packages, b.solver, b.defaultLimits, List.copyOf(b.listeners), b.defaultRuntime,
                b.pythonExecutable, b.bubblewrapExecutable, b.sandboxUserId, b.cgroups, b.filterPython,
                b.maxDataSourceBytes, b.maxDataSourceFiles, b.database,
                new ClusterSettings(b.nodeId, b.nodeTimeout, b.requeueInterruptedJobs), Set.copyOf(b.runtimes),
                b.quotas)));
    }

    private Sandbox(SandboxConfig config) {
        this.parts = SandboxParts.start(config);
        this.defaultLimits = config.defaultLimits();
        this.defaultRuntime = config.defaultRuntime();
        this.models = new ModelService(parts, defaultRuntime);
        this.jobs = new JobService(parts, defaultLimits);
        this.dataSources = new DataSourceService(parts.data());
        this.schedules = ScheduleService.start(parts, jobs, parts.scheduleTables(),
                parts.queue().nodeId().orElse("local-" + ProcessHandle.current().pid()));
        this.experiments = parts.teamTables().<Experiments>map(tables -> new ExperimentService(parts, jobs,
                tables.experiments())).orElseGet(NoExperiments::new);
        this.users = parts.teamTables().<Users>map(tables -> new UserService(tables, Clock.systemUTC()))
                .orElseGet(NoTeam::new);
        this.audit = parts.teamTables().<Audit>map(tables -> new AuditTrail(tables.audit(), Clock.systemUTC()))
                .orElseGet(NoTeam::new);
        if (config.learnImports()) {
            models.learnFromStoredModels();
        }
    }

    public static SandboxBuilder builder() {
        return new SandboxBuilder();
    }

    /** Upload, read, archive and restore models. */
    public Models models() {
        return models;
    }

    /** Run models, follow and cancel jobs, read their lines, metrics and artifacts. */
    public Jobs jobs() {
        return jobs;
    }

    /** Models that run by themselves: on a cron expression in a time zone, or after another schedule. */
    public Schedules schedules() {
        return schedules;
    }

    /** Every chosen model version on every input, repeated, summarised against a baseline with acceptance rules. */
    public Experiments experiments() {
        return experiments;
    }

    /** The people who use this sandbox: passwords, roles, personal API tokens and page sessions. */
    public Users users() {
        return users;
    }

    /** The append-only record of who changed what. */
    public Audit audit() {
        return audit;
    }

    /** Upload and read the versioned files jobs read under {@code data/}. */
    public DataSources dataSources() {
        return dataSources;
    }

    /** Adds a listener for every job's events; close the returned handle to remove it. */
    public AutoCloseable addListener(JobListener listener) {
        parts.listeners().add(listener);
        return () -> parts.listeners().remove(listener);
    }

    /**
     * Answers kept by idempotency key in this sandbox's database, so that a request sent twice runs once, whichever
     * process sharing the database gets it: a key is remembered for {@code window} from its first request, and at
     * most {@code maxKeys} answered keys are kept (the oldest go first). See {@link IdempotentAnswers}.
     *
     * @throws SandboxException INVALID_ARGUMENT for a window that is not positive or maxKeys below 1
     */
    public IdempotentAnswers idempotentAnswers(Duration window, int maxKeys) {
        return KeyedAnswers.of(parts.storage(), window, maxKeys, nodeId().orElse(null));
    }

    // ---- what this sandbox is

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

    public Limits defaultLimits() {
        return defaultLimits;
    }

    /** The package folders models may import from: guest path (e.g. {@code /packages/pulp}) to host folder. */
    public Map<String, Path> packageFolders() {
        return parts.work().packages().described();
    }

    /** The solver behind {@code sandbox.solve} and PuLP, described (e.g. {@code OR-Tools 9.12.4544 ...}), if one is configured. */
    public Optional<String> solverDescription() {
        return Optional.ofNullable(parts.solver()).map(Solver::description);
    }

    /** The backends a job may name in {@code sandbox.solve}, the default first; empty without a solver. */
    public Set<String> solverBackends() {
        return parts.solver() == null ? Set.of() : parts.solver().backends();
    }

    /** Where models, jobs and lines are kept, e.g. {@code PostgreSQL 15.18 at jdbc:postgresql://db:5432/sandbox}. */
    public String storageDescription() {
        return parts.storage().description();
    }

    /** Jobs running here and waiting; with a shared database, waiting counts the jobs queued for every node. */
    public QueueStats queueStats() {
        return parts.queue().stats();
    }

    /** This node's name among the nodes sharing a PostgreSQL database; empty on a database of its own (H2). */
    public Optional<String> nodeId() {
        return parts.queue().nodeId();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Sandbox.class).warn("The schedules did not stop cleanly", e);
        }
    }

    /** Cancels queued and running jobs, stores their last lines, and releases the engine and database. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (schedules instanceof AutoCloseable engine) {
                closeQuietly(engine);
            }
            parts.close();
        }
    }
}
