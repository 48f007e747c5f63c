package com.sandboxopt.core;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The schedules of a sandbox ({@link Sandbox#schedules()}): models that run by themselves, on a cron expression in a
 * time zone or after another schedule. Each fire time starts at most one job, however many nodes share the database.
 */
public interface Schedules {
    /**
     * @throws SandboxException INVALID_ARGUMENT (a bad cron naming its field, an unknown time zone, a cron that never
     *                          fires, both or neither of cron and after, a cycle of after), MODEL_NOT_FOUND,
     *                          MODEL_ARCHIVED, DATA_SOURCE_NOT_FOUND or SCHEDULE_NOT_FOUND (after); nothing is stored
     */
    default Schedule create(ScheduleDraft draft) {
        return create(draft, null);
    }

    /** Creates a schedule owned by a user: its jobs are that user's. Checked as {@link #create(ScheduleDraft)}. */
    Schedule create(ScheduleDraft draft, String owner);

    /** @throws SandboxException SCHEDULE_NOT_FOUND */
    Schedule get(String id);

    Optional<Schedule> find(String id);

    /** Every schedule, by name. */
    List<Schedule> list();

    /** Replaces what the schedule runs and when; its history stays. Checked as {@link #create} checks. */
    Schedule replace(String id, ScheduleDraft draft);

    /**
     * Deletes the schedule; the jobs it started stay.
     *
     * @throws SandboxException SCHEDULE_NOT_FOUND, or INVALID_ARGUMENT while another schedule runs after it
     */
    void delete(String id);

    /** Stops its firings until {@link #resume}; a paused schedule's missed times are not made up. */
    Schedule pause(String id);

    /** Fires again from its next fire time on. */
    Schedule resume(String id);

    /** Starts its job now, with {@code scheduledFor} the time of asking; paused or not, overlap rules aside. */
    JobHandle runNow(String id);

    /**
     * The next fire times of a cron expression in a time zone after {@code from} (now when null), for a person
     * writing one.
     *
     * @throws SandboxException INVALID_ARGUMENT naming the field that is wrong, or an unknown time zone
     */
    List<ZonedDateTime> preview(String cron, String timezone, Instant from, int count);
}
