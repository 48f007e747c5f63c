package com.sandboxopt.core;

import java.time.Instant;

/**
 * What started a job: a schedule's firing, or (both null) someone who asked for it.
 *
 * @param scheduleId   the schedule whose firing started it; null for a job started by hand or by a program
 * @param scheduledFor the fire time it ran for (its "run now" time for a schedule run by hand); null when no schedule
 */
public record JobOrigin(String scheduleId, Instant scheduledFor) {
    private static final JobOrigin ASKED = new JobOrigin(null, null);

    public JobOrigin {
        if ((scheduleId == null) != (scheduledFor == null)) {
            throw new IllegalArgumentException("scheduleId and scheduledFor go together");
        }
    }

    /** A job someone asked for. */
    public static JobOrigin asked() {
        return ASKED;
    }

    /** A job a schedule's firing started. */
    public static JobOrigin schedule(String scheduleId, Instant scheduledFor) {
        return new JobOrigin(scheduleId, scheduledFor);
    }
}
