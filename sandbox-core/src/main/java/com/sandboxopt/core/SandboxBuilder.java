package com.sandboxopt.core;

import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.queue.Quotas;
import com.sandboxopt.core.internal.assembly.SettingsCheck;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.internal.assembly.DatabaseSettings;
import com.sandboxopt.core.internal.queue.shared.ClusterSettings;
import com.sandboxopt.core.storage.SandboxStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Settings of a {@link Sandbox}. Every setting is checked at {@link #build()}, which names the
 * setting that is wrong. Not thread-safe; the built Sandbox is.
 */
public final class SandboxBuilder {
    /** Default maximum size of an uploaded model: 10 MiB. */
    public static final long DEFAULT_MAX_MODEL_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_QUEUE_LENGTH = 1_000;
    public static final double DEFAULT_MEMORY_LIMIT_FRACTION = 0.85;
    public static final int DEFAULT_COMPILER_THREADS = 0;
    /** Default maximum size of one data source, its files together: 100 MiB. */
    public static final long DEFAULT_MAX_DATA_SOURCE_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_DATA_SOURCE_FILES = 1_000;

    Path dataDirectory = Path.of("data");
    Path logDirectory;
    boolean inMemoryDatabase;
    SandboxStorage storage;
    DatabaseSettings database;
    long maxModelBytes = DEFAULT_MAX_MODEL_BYTES;
    int poolSize = Runtime.getRuntime().availableProcessors();
    int maxQueueLength = DEFAULT_MAX_QUEUE_LENGTH;
    double memoryLimitFraction = DEFAULT_MEMORY_LIMIT_FRACTION;
    Limits defaultLimits = Limits.defaults();
    List<String> preImports = List.of();
    boolean learnImports = true;
    int compilerThreads = DEFAULT_COMPILER_THREADS;
    List<Path> packages = List.of();
    Solver solver;
    final List<JobListener> listeners = new ArrayList<>();
    RuntimeKind defaultRuntime = RuntimeKind.AUTO;
    Path pythonExecutable = Path.of("/usr/bin/python3");
    Path bubblewrapExecutable;
    int sandboxUserId = 65534;
    /** Builds the CPython sandbox's seccomp filter: Debian's python3, with python3-seccomp. Tests only. */
    Path filterPython = Path.of("/usr/bin/python3");
    boolean cgroups = true;
    long maxDataSourceBytes = DEFAULT_MAX_DATA_SOURCE_BYTES;
    int maxDataSourceFiles = DEFAULT_MAX_DATA_SOURCE_FILES;
    String nodeId;
    Duration nodeTimeout = ClusterSettings.DEFAULT_TIMEOUT;
    boolean requeueInterruptedJobs;
    Set<RuntimeKind> runtimes = EnumSet.of(RuntimeKind.GRAALPY, RuntimeKind.CPYTHON);
    Quotas quotas = Quotas.NONE;

    SandboxBuilder() {
    }

    /** Folder of the H2 database ({@code <dir>/db}) and, unless set apart, logs; default {@code ./data}. */
    public SandboxBuilder dataDirectory(Path directory) {
        this.dataDirectory = Objects.requireNonNull(directory, "dataDirectory");
        return this;
    }

    /** Folder of the per-job log files {@code <jobId>.log}. Default {@code <dataDirectory>/logs/optimization}. */
    public SandboxBuilder logDirectory(Path directory) {
        this.logDirectory = Objects.requireNonNull(directory, "logDirectory");
        return this;
    }

    /** Keeps models, jobs and lines in an in-memory H2 database that ends with the Sandbox (tests, demos). */
    public SandboxBuilder inMemoryDatabase() {
        this.inMemoryDatabase = true;
        return this;
    }

    /**
     * Keeps models, jobs and lines in this database instead of the H2 file under the data directory: a PostgreSQL
     * URL such as {@code jdbc:postgresql://db:5432/sandbox} (or an H2 URL), through a connection pool of the
     * Sandbox's own. The schema is created or upgraded at build. Data source files and artifacts stay under the
     * data directory.
     */
    public SandboxBuilder database(String jdbcUrl, String user, String password) {
        this.database = new DatabaseSettings(SettingsCheck.jdbcUrl(jdbcUrl), user, password, null);
        return this;
    }

    /** Keeps models, jobs and lines in your data source (H2 or PostgreSQL); you close it after the Sandbox. */
    public SandboxBuilder database(DataSource dataSource) {
        this.database = new DatabaseSettings(null, null, null, Objects.requireNonNull(dataSource, "dataSource"));
        return this;
    }

    /**
     * This node's name among the nodes sharing one PostgreSQL database (letters, digits, '.', '_', ':', '-'; at most
     * 255). A node restarted with the same name fails the jobs it was running when it stopped. Default: the host name.
     */
    public SandboxBuilder nodeId(String id) {
        this.nodeId = SettingsCheck.nodeId(id);
        return this;
    }

    /** How long a node on a shared PostgreSQL may be silent before the others end its jobs (30 s; at least 1 s). */
    public SandboxBuilder nodeTimeout(Duration timeout) {
        this.nodeTimeout = SettingsCheck.nodeTimeout(timeout);
        return this;
    }

    /** A job of a node that stopped: true queues it again, once (its lines kept); false (default) fails it. */
    public SandboxBuilder requeueInterruptedJobs(boolean requeue) {
        this.requeueInterruptedJobs = requeue;
        return this;
    }

    /** Uses your own storage instead of H2. The Sandbox closes it on close. */
    public SandboxBuilder storage(SandboxStorage customStorage) {
        this.storage = Objects.requireNonNull(customStorage, "storage");
        return this;
    }

    /** Largest data source (its files together) in bytes. Default 100 MiB. */
    public SandboxBuilder maxDataSourceBytes(long bytes) {
        this.maxDataSourceBytes = bytes;
        return this;
    }

    /** Most files in one data source. Default 1,000. */
    public SandboxBuilder maxDataSourceFiles(int files) {
        this.maxDataSourceFiles = files;
        return this;
    }

    /** Largest accepted model file in bytes. Default 10 MiB. */
    public SandboxBuilder maxModelBytes(long bytes) {
        this.maxModelBytes = bytes;
        return this;
    }

    /** Jobs that run at once. Default: number of cores. */
    public SandboxBuilder poolSize(int size) {
        this.poolSize = size;
        return this;
    }

    /** Jobs that may wait for a free slot; past it execute is refused with QUEUE_FULL. Default 1,000. */
    public SandboxBuilder maxQueueLength(int length) {
        this.maxQueueLength = length;
        return this;
    }

    /**
     * Fair shares ({@code 0}: no limit, the default): jobs one user's jobs may run at once (more of them wait, and
     * the queue takes users in turn), and may have waiting (past it execute is refused with QUOTA_EXCEEDED).
     */
    public SandboxBuilder quotas(int runningJobsPerUser, int queuedJobsPerUser) {
        this.quotas = SettingsCheck.quotas(runningJobsPerUser, queuedJobsPerUser);
        return this;
    }

    /** Limits every job gets unless its request sets its own. Default {@link Limits#defaults()}. */
    public SandboxBuilder defaultLimits(Limits limits) {
        this.defaultLimits = Objects.requireNonNull(limits, "defaultLimits");
        return this;
    }

    /** Share of the heap (0.1 to 0.99) above which, after a GC, the job allocating most is stopped. Default 0.85. */
    public SandboxBuilder memoryLimitFraction(double fraction) {
        this.memoryLimitFraction = fraction;
        return this;
    }

    /**
     * Modules every job's context imports while it waits for its job, whatever the models need: each costs CPU in
     * every job and saves as much in a job that imports it; one that cannot be imported is logged once. Default none.
     */
    public SandboxBuilder preImports(Collection<String> moduleNames) {
        this.preImports = List.copyOf(Objects.requireNonNull(moduleNames, "preImports"));
        return this;
    }

    /**
     * Whether contexts also pre-import the modules of the models most recently uploaded or run (read from their
     * imports, never by running them), so their runs find them done. Off: only {@link #preImports}. Default on.
     */
    public SandboxBuilder learnImports(boolean learn) {
        this.learnImports = learn;
        return this;
    }

    /**
     * Threads of the Truffle JIT compiler (the engine option {@code engine.CompilerThreads}); 0 leaves Truffle's
     * own choice (one on a 2-core machine). More compile first runs sooner but can hold hundreds of MB of heap
     * meanwhile, which the memory guard counts (docs/BENCHMARKS.md). Ignored without the JIT. Default 0.
     */
    public SandboxBuilder compilerThreads(int threads) {
        this.compilerThreads = threads;
        return this;
    }

    /**
     * Folders of pure-Python packages the models may import, read-only, on {@code sys.path} in this order: a folder
     * holding {@code __init__.py} is one package, seen as {@code /packages/<name>} (e.g. Debian's PuLP); any other is
     * a folder of packages ({@code pip install --target}), seen as {@code /site/<n>}. Native code fails to import,
     * saying so. Default: none.
     */
    public SandboxBuilder packages(Path... folders) {
        return packages(List.of(folders));
    }

    /** Like {@link #packages(Path...)}. */
    public SandboxBuilder packages(Collection<Path> folders) {
        this.packages = List.copyOf(Objects.requireNonNull(folders, "packages"));
        return this;
    }

    /**
     * The native solver behind {@code sandbox.solve} and PuLP's {@code prob.solve()} (e.g. sandbox-solver-ortools's
     * {@code OrToolsSolver.create()}); closed with the Sandbox. Default: none (a job that solves is told so).
     */
    public SandboxBuilder solver(Solver nativeSolver) {
        this.solver = Objects.requireNonNull(nativeSolver, "solver");
        return this;
    }

    /**
     * An upload's runtime when it names none: {@link RuntimeKind#AUTO} (default) picks CPython where its sandbox works,
     * GraalPy where it does not or the model imports from a package folder only GraalPy reads.
     */
    public SandboxBuilder defaultRuntime(RuntimeKind kind) {
        this.defaultRuntime = Objects.requireNonNull(kind, "defaultRuntime");
        return this;
    }

    /** The {@code cpython} runtime's interpreter (default {@code /usr/bin/python3}): models import its packages. */
    public SandboxBuilder pythonExecutable(Path interpreter) {
        this.pythonExecutable = Objects.requireNonNull(interpreter, "pythonExecutable");
        return this;
    }

    /** The bubblewrap program; default {@code bwrap} found on the PATH. */
    public SandboxBuilder bubblewrapExecutable(Path bwrap) {
        this.bubblewrapExecutable = Objects.requireNonNull(bwrap, "bubblewrapExecutable");
        return this;
    }

    /**
     * When the JVM runs as root, CPython jobs run as this host user and group id (default 65534, nobody),
     * so that per-user kernel limits apply and no job is root on the host even outside its namespaces.
     */
    public SandboxBuilder sandboxUserId(int uid) {
        this.sandboxUserId = SettingsCheck.sandboxUserId(uid);
        return this;
    }

    /**
     * Whether CPython jobs get cgroups of their own (memory and processes limited per job by the kernel) where the
     * server may create them; default on. Otherwise each process is limited by rlimits (docs/RUNTIMES.md, "cgroups").
     */
    public SandboxBuilder cgroups(boolean use) {
        this.cgroups = use;
        return this;
    }

    /**
     * The runtimes this sandbox has; default both (GraalPy alone needs no bubblewrap; CPython alone never builds a
     * GraalPy engine). A model or job asking for another fails with RUNTIME_UNAVAILABLE; {@code auto} picks of these.
     */
    public SandboxBuilder runtimes(RuntimeKind... kinds) {
        this.runtimes = Set.of(kinds);
        return this;
    }

    /** The Python that builds the CPython sandbox's seccomp filter; tests name one without python3-seccomp. */
    SandboxBuilder filterPython(Path python) {
        this.filterPython = Objects.requireNonNull(python, "filterPython");
        return this;
    }

    /** Receives the events of every job. More can be added later with {@link Sandbox#addListener}. */
    public SandboxBuilder listener(JobListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Checks the settings, opens the database (migrating it) and starts the Python engine. */
    public Sandbox build() {
        return new Sandbox(this);
    }
}
