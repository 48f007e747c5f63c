package com.sandboxopt.core;

import java.util.Locale;

/** Where a job is in its life. The last four are final. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCESS, FAILED, CANCELLED, TIMED_OUT;

    /** True once the job has ended and will not change again. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /** The lower-case name used on the wire and in the database, e.g. {@code timed_out}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name such as {@code timed_out}, case-insensitively. */
    public static JobStatus parse(String text) {
        for (JobStatus status : values()) {
            if (status.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return status;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Unknown job status '" + text
                + "': use one of queued, running, success, failed, cancelled, timed_out");
    }
}
