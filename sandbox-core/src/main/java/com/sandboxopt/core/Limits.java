package com.sandboxopt.core;

import java.time.Duration;

/**
 * Per-job limits. Defaults are set on {@link SandboxBuilder#defaultLimits(Limits)} and can be
 * replaced per execution with {@link ExecutionRequest#withLimits(Limits)}.
 *
 * @param wallTime              wall-clock time from start to end; past it the job is {@code timed_out}
 * @param cpuTime               CPU time of the job's thread plus its solver's; past it the job is {@code timed_out}
 * @param maxOutputLines        lines kept per job; later lines are dropped and counted
 * @param maxOutputBytes        UTF-8 bytes of messages kept per job; later lines are dropped and counted
 * @param workingDirectoryBytes what the job's writable folders (its working directory and {@code /tmp})
 *                              may hold; past it writes fail with {@code OSError: [Errno 28] No space left on device}
 * @param maxProblemSize        the largest problem a job may hand to the solver, counted as variables +
 *                              constraints + nonzero coefficients; a larger one is refused before it is solved
 * @param memoryBytes           memory of a CPython job's processes (address space where the kernel offers no
 *                              cgroup); past it allocation fails and the job ends {@code failed} with "memory limit".
 *                              GraalPy jobs share the JVM's heap, guarded by {@link SandboxBuilder#memoryLimitFraction}
 * @param maxProcesses          processes and threads a CPython job may have at once (its interpreter included);
 *                              past it {@code fork} and thread creation fail. GraalPy jobs cannot start either
 * @param artifactBytes         what the job may write under {@code output/} (kept as its artifacts); past it writes
 *                              there fail with {@code No space left on device} and a WARNING line says so
 */
public record Limits(Duration wallTime, Duration cpuTime, long maxOutputLines, long maxOutputBytes,
                     long workingDirectoryBytes, long maxProblemSize, long memoryBytes,
                     int maxProcesses, long artifactBytes) {
    public static final Duration DEFAULT_WALL_TIME = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_OUTPUT_LINES = 100_000;
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_WORKING_DIRECTORY_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_ARTIFACT_BYTES = 100L * 1024 * 1024;
    public static final long DEFAULT_MAX_PROBLEM_SIZE = 5_000_000;
    public static final long DEFAULT_MEMORY_BYTES = 2L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_PROCESSES = 64;

    public Limits {
        requirePositive(wallTime, "wallTime");
        requirePositive(cpuTime, "cpuTime");
        requireAtLeastOne(maxOutputLines, "maxOutputLines");
        requireAtLeastOne(maxOutputBytes, "maxOutputBytes");
        requireAtLeastOne(workingDirectoryBytes, "workingDirectoryBytes");
        requireAtLeastOne(maxProblemSize, "maxProblemSize");
        if (memoryBytes < 16L * 1024 * 1024) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "memoryBytes must be at least 16 MiB (an interpreter needs that much to start), was " + memoryBytes);
        }
        requireAtLeastOne(artifactBytes, "artifactBytes");
        if (maxProcesses < 2) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "maxProcesses must be at least 2 (the sandbox's init and the interpreter), was " + maxProcesses);
        }
    }

    /** Limits with the default artifact cap. */
    public Limits(Duration wallTime, Duration cpuTime, long maxOutputLines, long maxOutputBytes,
                  long workingDirectoryBytes, long maxProblemSize, long memoryBytes, int maxProcesses) {
        this(wallTime, cpuTime, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize, memoryBytes,
                maxProcesses, DEFAULT_ARTIFACT_BYTES);
    }

    /** Limits with the default memory, process and artifact caps. */
    public Limits(Duration wallTime, Duration cpuTime, long maxOutputLines, long maxOutputBytes,
                  long workingDirectoryBytes, long maxProblemSize) {
        this(wallTime, cpuTime, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize,
                DEFAULT_MEMORY_BYTES, DEFAULT_MAX_PROCESSES);
    }

    /** Limits with the default working-directory cap and problem size. */
    public Limits(Duration wallTime, Duration cpuTime, long maxOutputLines, long maxOutputBytes) {
        this(wallTime, cpuTime, maxOutputLines, maxOutputBytes, DEFAULT_WORKING_DIRECTORY_BYTES, DEFAULT_MAX_PROBLEM_SIZE);
    }

    /** 10 minutes wall and CPU time, 100,000 lines or 10 MiB of output, 256 MiB of files of which 100 MiB under {@code output/}, problems up to 5,000,000, 2 GiB and 64 processes for CPython. */
    public static Limits defaults() {
        return new Limits(DEFAULT_WALL_TIME, DEFAULT_WALL_TIME, DEFAULT_MAX_OUTPUT_LINES, DEFAULT_MAX_OUTPUT_BYTES);
    }

    /** Sets the wall-clock limit, and the CPU limit too when it was equal to the old wall limit. */
    public Limits withWallTime(Duration wall) {
        Duration cpu = cpuTime.equals(wallTime) ? wall : cpuTime;
        return new Limits(wall, cpu, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize,
                memoryBytes, maxProcesses, artifactBytes);
    }

    public Limits withCpuTime(Duration cpu) {
        return new Limits(wallTime, cpu, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize,
                memoryBytes, maxProcesses, artifactBytes);
    }

    public Limits withMaxOutputLines(long lines) {
        return new Limits(wallTime, cpuTime, lines, maxOutputBytes, workingDirectoryBytes, maxProblemSize,
                memoryBytes, maxProcesses, artifactBytes);
    }

    public Limits withMaxOutputBytes(long bytes) {
        return new Limits(wallTime, cpuTime, maxOutputLines, bytes, workingDirectoryBytes, maxProblemSize,
                memoryBytes, maxProcesses, artifactBytes);
    }

    public Limits withWorkingDirectoryBytes(long bytes) {
        return new Limits(wallTime, cpuTime, maxOutputLines, maxOutputBytes, bytes, maxProblemSize,
                memoryBytes, maxProcesses, artifactBytes);
    }

    public Limits withMaxProblemSize(long size) {
        return new Limits(wallTime, cpuTime, maxOutputLines, maxOutputBytes, workingDirectoryBytes, size,
                memoryBytes, maxProcesses, artifactBytes);
    }

    public Limits withMemoryBytes(long bytes) {
        return new Limits(wallTime, cpuTime, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize, bytes,
                maxProcesses, artifactBytes);
    }

    public Limits withMaxProcesses(int processes) {
        return new Limits(wallTime, cpuTime, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize,
                memoryBytes, processes, artifactBytes);
    }

    public Limits withArtifactBytes(long bytes) {
        return new Limits(wallTime, cpuTime, maxOutputLines, maxOutputBytes, workingDirectoryBytes, maxProblemSize,
                memoryBytes, maxProcesses, bytes);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, name + " must be a positive duration, was " + value);
        }
    }

    private static void requireAtLeastOne(long value, String name) {
        if (value < 1) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, name + " must be at least 1, was " + value);
        }
    }
}
