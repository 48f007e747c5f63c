package com.sandboxopt.core.internal.storage;

import javax.sql.DataSource;

/** What schedules keep in the sandbox's database: their own tables, and the connections the scheduling engine uses. */
public record ScheduleTables(ScheduleTable schedules, DataSource dataSource) {
}
