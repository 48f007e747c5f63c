package com.sandboxopt.solver.ortools;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.solver.ortools.internal.WorkerCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/** Settings of an {@link OrToolsSolver}, checked at {@link #build()}. */
public final class OrToolsSolverBuilder {
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 4L << 30;
    public static final long DEFAULT_WORKER_HEAP_BYTES = 1L << 30;

    private final Function<OrToolsSolverBuilder, OrToolsSolver> factory;
    long memoryLimitBytes = DEFAULT_MEMORY_LIMIT_BYTES;
    long workerHeapBytes = DEFAULT_WORKER_HEAP_BYTES;
    int idleWorkers = 1;
    boolean prestart = false;
    Path nativeLibraryCache = Path.of(System.getProperty("user.home"), ".cache", "sandbox-optimization");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String workerClassPath = WorkerCommand.defaultClassPath();

    OrToolsSolverBuilder(Function<OrToolsSolverBuilder, OrToolsSolver> factory) {
        this.factory = factory;
    }

    /**
     * Resident memory one solve's worker may use (the JVM and the native solver together); past it
     * the solve ends with status {@code error} and a message saying so. Default 4 GiB.
     */
    public OrToolsSolverBuilder memoryLimitBytes(long bytes) {
        this.memoryLimitBytes = bytes;
        return this;
    }

    /** Java heap of a worker, which holds one problem while it is handed to the solver. Default 1 GiB. */
    public OrToolsSolverBuilder workerHeapBytes(long bytes) {
        this.workerHeapBytes = bytes;
        return this;
    }

    /** Workers kept ready between solves (each an idle JVM of about 50 MB). Default 1. */
    public OrToolsSolverBuilder idleWorkers(int count) {
        this.idleWorkers = count;
        return this;
    }

    /**
     * Whether one worker is started at build. Default false: it starts when the sandbox first sees a model that
     * solves ({@link OrToolsSolver#prepare()}), which is still well before that model's first solve.
     */
    public OrToolsSolverBuilder prestart(boolean start) {
        this.prestart = start;
        return this;
    }

    /** Where OR-Tools' native libraries are unpacked, once. Default {@code ~/.cache/sandbox-optimization}. */
    public OrToolsSolverBuilder nativeLibraryCache(Path folder) {
        this.nativeLibraryCache = Objects.requireNonNull(folder, "nativeLibraryCache");
        return this;
    }

    /** The {@code java} that runs workers. Default: this JVM's. */
    public OrToolsSolverBuilder javaExecutable(Path executable) {
        this.java = Objects.requireNonNull(executable, "javaExecutable");
        return this;
    }

    /**
     * The workers' class path: this module, OR-Tools, protobuf and JNA. Default: where those classes
     * were loaded from (this JVM's class path if one cannot be told, e.g. inside a nested jar).
     */
    public OrToolsSolverBuilder workerClassPath(String classPath) {
        this.workerClassPath = Objects.requireNonNull(classPath, "workerClassPath");
        return this;
    }

    /** Checks the settings and unpacks the native libraries (once per cache folder). */
    public OrToolsSolver build() {
        require(memoryLimitBytes >= 64L << 20, "memoryLimitBytes must be at least 64 MiB, was " + memoryLimitBytes);
        require(workerHeapBytes >= 32L << 20, "workerHeapBytes must be at least 32 MiB, was " + workerHeapBytes);
        require(idleWorkers >= 0 && idleWorkers <= 64, "idleWorkers must be between 0 and 64, was " + idleWorkers);
        require(Files.isExecutable(java), "javaExecutable " + java + " is not an executable file");
        require(System.getProperty("os.name").toLowerCase().contains("linux"),
                "OrToolsSolver runs on Linux only (its workers are measured through /proc)");
        return factory.apply(this);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
