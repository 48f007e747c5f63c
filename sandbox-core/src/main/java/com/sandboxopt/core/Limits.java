package com.sandboxopt.core;

import java.time.Duration;

/**
 * Per-job limits. Defaults are set on {@link SandboxBuilder#defaultLimits(Limits)} and can be
 * replaced per execution with {@link ExecutionRequest#withLimits(Limits)}.
 *
 * @param wallTime       wall-clock time from start to end; past it the job is {@code timed_out}
 * @param cpuTime        CPU time of the job's thread; past it the job is {@code timed_out}
 * @param maxOutputLines lines kept per job; later lines are dropped and counted
 * @param maxOutputBytes UTF-8 bytes of messages kept per job; later lines are dropped and counted
 */
public record Limits(Duration wallTime, Duration cpuTime, long maxOutputLines, long maxOutputBytes) {
    public static final Duration DEFAULT_WALL_TIME = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_OUTPUT_LINES = 100_000;
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 10L * 1024 * 1024;

    public Limits {
        requirePositive(wallTime, "wallTime");
        requirePositive(cpuTime, "cpuTime");
        if (maxOutputLines < 1) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "maxOutputLines must be at least 1, was " + maxOutputLines);
        }
        if (maxOutputBytes < 1) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "maxOutputBytes must be at least 1, was " + maxOutputBytes);
        }
    }

    /** 10 minutes wall and CPU time, 100,000 lines or 10 MiB of output. */
    public static Limits defaults() {
        return new Limits(DEFAULT_WALL_TIME, DEFAULT_WALL_TIME, DEFAULT_MAX_OUTPUT_LINES, DEFAULT_MAX_OUTPUT_BYTES);
    }

    /** Sets the wall-clock limit, and the CPU limit too when it was equal to the old wall limit. */
    public Limits withWallTime(Duration wall) {
        Duration cpu = cpuTime.equals(wallTime) ? wall : cpuTime;
        return new Limits(wall, cpu, maxOutputLines, maxOutputBytes);
    }

    public Limits withCpuTime(Duration cpu) {
        return new Limits(wallTime, cpu, maxOutputLines, maxOutputBytes);
    }

    public Limits withMaxOutputLines(long lines) {
        return new Limits(wallTime, cpuTime, lines, maxOutputBytes);
    }

    public Limits withMaxOutputBytes(long bytes) {
        return new Limits(wallTime, cpuTime, maxOutputLines, bytes);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, name + " must be a positive duration, was " + value);
        }
    }
}
