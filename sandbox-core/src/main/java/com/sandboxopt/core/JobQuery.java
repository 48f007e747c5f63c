package com.sandboxopt.core;

/**
 * Filter for listing jobs, newest first; null fields match everything.
 *
 * @param scheduleId only the jobs this schedule started
 * @param limit      at most this many jobs (1 to 10,000)
 */
public record JobQuery(ModelType modelType, JobStatus status, String modelId, String scheduleId, int limit) {
    public static final int DEFAULT_LIMIT = 100;

    public JobQuery {
        if (limit < 1 || limit > 10_000) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "limit must be between 1 and 10000, was " + limit);
        }
        scheduleId = scheduleId == null || scheduleId.isBlank() ? null : scheduleId.strip();
    }

    public JobQuery(ModelType modelType, JobStatus status, String modelId, int limit) {
        this(modelType, status, modelId, null, limit);
    }

    public static JobQuery latest(int limit) {
        return new JobQuery(null, null, null, null, limit);
    }

    /** The jobs a schedule started, newest first. */
    public static JobQuery ofSchedule(String scheduleId, int limit) {
        return new JobQuery(null, null, null, scheduleId, limit);
    }
}
