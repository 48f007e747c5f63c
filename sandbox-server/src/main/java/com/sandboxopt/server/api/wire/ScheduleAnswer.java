package com.sandboxopt.server.api.wire;

/** One schedule. */
public record ScheduleAnswer(boolean success, ScheduleJson schedule) {
    public ScheduleAnswer(ScheduleJson schedule) {
        this(true, schedule);
    }
}
