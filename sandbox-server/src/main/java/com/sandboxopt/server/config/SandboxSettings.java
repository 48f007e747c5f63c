package com.sandboxopt.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code sandbox.*} keys of {@code application.yml}.
 *
 * @param dataDir           H2 database and (unless {@code logDir} is set) job log files; default {@code ./data}
 * @param logDir            per-job log files; default {@code <data-dir>/logs/optimization}
 * @param inMemoryDatabase  keep models and jobs in memory only (demos, tests)
 * @param poolSize          jobs running at once; default: number of cores
 * @param queueLength       jobs waiting for a free slot; past it execute answers 503
 * @param maxUploadBytes    largest model file; the HTTP request limit is this plus 1 MiB for multipart overhead
 * @param apiToken          when set, every API call and the WebSocket need {@code Authorization: Bearer <token>}
 * @param websocketQueue    messages waiting for one slow WebSocket client before it gets {@code optimization:lagged}
 * @param eventStreamKeepAlive silence after which a job's event stream sends a comment (proxies cut quiet streams)
 * @param preImports        modules every job's context imports before its job arrives, comma-separated; default none
 * @param learnImports      also pre-import the modules of the models recently uploaded or run; default true
 * @param compilerThreads   threads of the JIT compiler (engine.CompilerThreads), 0 for Truffle's choice (the default)
 * @param packages          folders of pure-Python packages, comma-separated; unset: Debian's PuLP when installed; {@code none}: none
 * @param solver            {@code ortools} (the default) or {@code none}
 * @param solverMemoryBytes resident memory one solve's worker process may use
 * @param runtime           where an upload that names no runtime runs: {@code auto} (the default), {@code graalpy} or {@code cpython}
 * @param cpython           the CPython runtime's interpreter, bubblewrap and user id
 * @param limits            per-job limits
 * @param dataSources       the size caps of one data source upload
 * @param database          the database of models, jobs and lines: a PostgreSQL URL; unset: H2 under {@code data-dir}
 * @param nodeId            this node's name among the nodes sharing a PostgreSQL database; default {@code <host>:<port>}
 * @param nodeTimeout       silence after which the other nodes take a node for stopped and end its running jobs
 * @param requeueInterruptedJobs a stopped node's running jobs are queued again once instead of failing
 * @param quotas            each user's fair share of the queue
 * @param uploadDrainBytes  how far past its limit a refused upload is still read to its end, so that a client that
 *                          sends the whole body before reading gets the 413 (at most 4 times the limit; default 256 MiB)
 */
@ConfigurationProperties("sandbox")
public record SandboxSettings(
        @Bindable(defaultValue = "./data") String dataDir,
        @Nullable String logDir,
        @Bindable(defaultValue = "false") boolean inMemoryDatabase,
        @Nullable Integer poolSize,
        @Bindable(defaultValue = "1000") int queueLength,
        @Bindable(defaultValue = "10485760") long maxUploadBytes,
        @Nullable String apiToken,
        @Bindable(defaultValue = "10000") int websocketQueue,
        @Bindable(defaultValue = "20s") Duration eventStreamKeepAlive,
        @Nullable String preImports,
        @Bindable(defaultValue = "true") boolean learnImports,
        @Bindable(defaultValue = "0") int compilerThreads,
        @Nullable String packages,
        @Bindable(defaultValue = "ortools") String solver,
        @Bindable(defaultValue = "4294967296") long solverMemoryBytes,
        @Bindable(defaultValue = "auto") String runtime,
        @Nullable CPythonSettings cpython,
        @Nullable LimitSettings limits,
        @Nullable DataSourceSettings dataSources,
        @Bindable(defaultValue = "268435456") long uploadDrainBytes,
        @Nullable DatabaseSettings database,
        @Nullable String nodeId,
        @Bindable(defaultValue = "30s") Duration nodeTimeout,
        @Bindable(defaultValue = "false") boolean requeueInterruptedJobs,
        @Nullable QuotaSettings quotas) {

    public SandboxSettings {
        if (eventStreamKeepAlive.isNegative() || eventStreamKeepAlive.toMillis() < 100) {
            throw new IllegalArgumentException("sandbox.event-stream-keep-alive must be 100ms or more (like 20s), was "
                    + eventStreamKeepAlive.toMillis() + "ms");
        }
    }

    /** The data source caps as configured, or the library's defaults when the section is absent. */
    public DataSourceSettings dataSourceLimits() {
        return dataSources != null ? dataSources : DataSourceSettings.DEFAULTS;
    }

    /** The pre-import list as given, or null for the library's default. */
    public List<String> preImportList() {
        if (preImports == null || preImports.isBlank()) {
            return null;
        }
        if (preImports.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(preImports.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** The package folders as given, or null when unset (then the server looks for Debian's PuLP). */
    public List<String> packageList() {
        if (packages == null || packages.isBlank()) {
            return null;
        }
        if (packages.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(packages.split(",")).map(String::strip).filter(folder -> !folder.isEmpty()).toList();
    }

    public boolean tokenRequired() {
        return apiToken != null && !apiToken.isBlank();
    }

    /**
     * The {@code sandbox.cpython.*} keys.
     *
     * @param interpreter the CPython interpreter jobs run with, inside bubblewrap; its packages are what models can import
     * @param bubblewrap  the bwrap program; unset: {@code bwrap} on the PATH
     * @param userId      the host user id CPython jobs run as when the server runs as root
     * @param cgroups     whether each CPython job gets cgroups of its own where the server may create them
     */
    @ConfigurationProperties("cpython")
    public record CPythonSettings(
            @Bindable(defaultValue = "/usr/bin/python3") String interpreter,
            @Nullable String bubblewrap,
            @Bindable(defaultValue = "65534") int userId,
            @Bindable(defaultValue = "true") boolean cgroups) {
    }

    /**
     * The {@code sandbox.limits.*} keys.
     *
     * @param timeout        wall-clock limit per job (CPU time too unless {@code cpu-time} is set)
     * @param cpuTime        CPU time limit per job
     * @param maxOutputLines lines kept per job
     * @param maxOutputBytes UTF-8 bytes of messages kept per job
     * @param memoryFraction heap share above which the job allocating most is stopped
     * @param workingDirectoryBytes what a job's writable folders may hold
     * @param maxProblemSize variables + constraints + nonzeros of the largest problem a job may solve
     * @param memoryBytes    memory of a CPython job's processes
     * @param maxProcesses   processes and threads a CPython job may have at once
     * @param artifactBytes  what a job may leave under {@code output/} (its artifacts)
     */
    @ConfigurationProperties("limits")
    public record LimitSettings(
            @Bindable(defaultValue = "10m") Duration timeout,
            @Nullable Duration cpuTime,
            @Bindable(defaultValue = "100000") long maxOutputLines,
            @Bindable(defaultValue = "10485760") long maxOutputBytes,
            @Bindable(defaultValue = "0.85") double memoryFraction,
            @Bindable(defaultValue = "268435456") long workingDirectoryBytes,
            @Bindable(defaultValue = "5000000") long maxProblemSize,
            @Bindable(defaultValue = "2147483648") long memoryBytes,
            @Bindable(defaultValue = "64") int maxProcesses,
            @Bindable(defaultValue = "104857600") long artifactBytes) {
    }

    /**
     * The {@code sandbox.database.*} keys (also {@code SANDBOX_DATABASE_URL} and so on in the environment).
     *
     * @param url      a JDBC URL such as {@code jdbc:postgresql://db:5432/sandbox}; unset or blank: the H2 file
     * @param user     the database user
     * @param password the user's password
     */
    /**
     * The {@code sandbox.quotas.*} keys (0: no limit, the default).
     *
     * @param runningJobsPerUser jobs of one user running at once, on all nodes; more of them wait, others go first
     * @param queuedJobsPerUser  jobs of one user waiting; past it execute answers 429 QUOTA_EXCEEDED
     */
    @ConfigurationProperties("quotas")
    public record QuotaSettings(@Bindable(defaultValue = "0") int runningJobsPerUser,
                                @Bindable(defaultValue = "0") int queuedJobsPerUser) {
    }

    @ConfigurationProperties("database")
    public record DatabaseSettings(@Nullable String url, @Nullable String user, @Nullable String password) {
        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * The {@code sandbox.data-sources.*} keys.
     *
     * @param maxBytes largest data source, its files together; a larger upload answers 413 and stores nothing
     * @param maxFiles most files in one data source; more answer 413
     */
    @ConfigurationProperties("data-sources")
    public record DataSourceSettings(
            @Bindable(defaultValue = "104857600") long maxBytes,
            @Bindable(defaultValue = "1000") int maxFiles) {
        static final DataSourceSettings DEFAULTS = new DataSourceSettings(104_857_600L, 1000);
    }
}
