package com.sandboxopt.core;

import java.util.Locale;

/** What a firing does while the schedule's previous job still runs. */
public enum ScheduleOverlap {
    /** The firing starts nothing and is recorded as skipped (the default). */
    SKIP,
    /** The firing's job waits in the queue behind the running one. */
    QUEUE,
    /** The running job is cancelled and the firing's job starts. */
    CANCEL_PREVIOUS;

    /** {@code skip}, {@code queue} or {@code cancel-previous}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; null or blank is {@link #SKIP}. */
    public static ScheduleOverlap parse(String text) {
        if (text == null || text.isBlank()) {
            return SKIP;
        }
        for (ScheduleOverlap overlap : values()) {
            if (overlap.wireName().equalsIgnoreCase(text.strip())) {
                return overlap;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "overlap must be skip, queue or cancel-previous, was '"
                + text.strip() + "'");
    }
}
