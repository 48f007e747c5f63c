package com.sandboxopt.server.api.wire;

import java.util.List;

/** Every schedule, by name. */
public record SchedulesAnswer(boolean success, List<ScheduleJson> schedules) {
    public SchedulesAnswer(List<ScheduleJson> schedules) {
        this(true, schedules);
    }
}
