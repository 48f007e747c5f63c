package com.sandboxopt.core;

import java.time.Instant;

/**
 * What started a job, for whom, and how urgently: a schedule's firing, or (both null) someone who asked for it.
 *
 * @param scheduleId   the schedule whose firing started it; null for a job started by hand or by a program
 * @param scheduledFor the fire time it ran for (its "run now" time for a schedule run by hand); null when no schedule
 * @param owner        the user it ran for (who asked, or the schedule's owner); null without users
 * @param priority     0 (the default) to 9: among waiting jobs the higher goes first; see {@link #TOP_PRIORITY}
 * @param experimentId the experiment it is a run of; null for none
 */
public record JobOrigin(String scheduleId, Instant scheduledFor, String owner, int priority, String experimentId) {
    /** The highest priority; the server lets only admins use it, so a gate-closure run can pass everyone else's. */
    public static final int TOP_PRIORITY = 9;
    private static final JobOrigin ASKED = new JobOrigin(null, null, null, 0, null);

    public JobOrigin {
        if ((scheduleId == null) != (scheduledFor == null)) {
            throw new IllegalArgumentException("scheduleId and scheduledFor go together");
        }
        if (priority < 0 || priority > TOP_PRIORITY) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "priority must be between 0 and " + TOP_PRIORITY
                    + ", was " + priority);
        }
    }

    public JobOrigin(String scheduleId, Instant scheduledFor) {
        this(scheduleId, scheduledFor, null, 0, null);
    }

    public JobOrigin(String scheduleId, Instant scheduledFor, String owner) {
        this(scheduleId, scheduledFor, owner, 0, null);
    }

    public JobOrigin(String scheduleId, Instant scheduledFor, String owner, int priority) {
        this(scheduleId, scheduledFor, owner, priority, null);
    }

    /** A job someone asked for, without users. */
    public static JobOrigin asked() {
        return ASKED;
    }

    /** A job a schedule's firing started. */
    public static JobOrigin schedule(String scheduleId, Instant scheduledFor) {
        return new JobOrigin(scheduleId, scheduledFor, null, 0, null);
    }

    /** The same origin, run for this user. */
    public JobOrigin withOwner(String username) {
        return new JobOrigin(scheduleId, scheduledFor, username, priority, experimentId);
    }

    /** The same origin at this priority (0-9). */
    public JobOrigin withPriority(int newPriority) {
        return new JobOrigin(scheduleId, scheduledFor, owner, newPriority, experimentId);
    }

    /** The same origin, as a run of this experiment. */
    public JobOrigin withExperiment(String id) {
        return new JobOrigin(scheduleId, scheduledFor, owner, priority, id);
    }
}
