package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import java.util.List;
import java.util.Map;

/**
 * A schedule: what it runs and when (as given, defaults filled in), its next five fire times with their offsets, the
 * model version its next run takes, its last job and the firings it skipped lately, newest first.
 */
public record ScheduleJson(String id, String name, String modelId, boolean followLatest, String cron, String timezone,
                           String after, Map<String, Object> config, String dataSourceId,
                           Map<String, String> dataSources, String runtime, String overlap, String misfire,
                           String deadline, String publishAs, boolean enabled, int priority, String owner,
                           String createdAt,
                           String updatedAt, List<String> nextRuns, String nextModelId, JobJson lastJob,
                           List<SkipJson> skipped) {

    /** A fire time that started no job, and why. */
    public record SkipJson(String scheduledFor, String reason, String recordedAt) {
    }

    /** {@code lastJob}: the schedule's last job as {@code GET /jobs/{id}} shows it, or null. */
    public static ScheduleJson of(Schedule schedule, JobJson lastJob) {
        ScheduleDraft d = schedule.definition();
        return new ScheduleJson(schedule.id(), d.name(), d.modelId(), d.followLatest(), d.cron(), d.timezone(),
                d.after(), d.config(), d.dataSourceId(), d.dataSources(),
                d.runtime() == null ? null : d.runtime().wireName(), d.overlap().wireName(), d.misfire().wireName(),
                d.deadline() == null ? null : d.deadline().toString(), d.publishAs(), d.enabled(), d.priority(),
                schedule.owner(),
                Times.iso(schedule.createdAt()), Times.iso(schedule.updatedAt()),
                schedule.nextRuns().stream().map(t -> t.toOffsetDateTime().toString()).toList(),
                schedule.nextModelId(), lastJob,
                schedule.skipped().stream().map(s -> new SkipJson(Times.iso(s.scheduledFor()), s.reason(),
                        Times.iso(s.recordedAt()))).toList());
    }
}
