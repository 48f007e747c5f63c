package com.sandboxopt.core;

import java.util.Locale;

/** What becomes of firings missed while no node ran (or the schedule's node was stopped). */
public enum ScheduleMisfire {
    /** The missed firings run once, as soon as a node runs again (the default). */
    RUN_ONCE,
    /** The missed firings are recorded as skipped; the schedule goes on from its next fire time. */
    SKIP;

    /** {@code run-once} or {@code skip}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; null or blank is {@link #RUN_ONCE}. */
    public static ScheduleMisfire parse(String text) {
        if (text == null || text.isBlank()) {
            return RUN_ONCE;
        }
        for (ScheduleMisfire misfire : values()) {
            if (misfire.wireName().equalsIgnoreCase(text.strip())) {
                return misfire;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "misfire must be run-once or skip, was '"
                + text.strip() + "'");
    }
}
