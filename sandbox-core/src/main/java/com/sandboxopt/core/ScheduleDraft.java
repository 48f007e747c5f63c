package com.sandboxopt.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a schedule runs and when: one model with a config, data sources and a runtime, on a cron expression in a time
 * zone or after another schedule's job succeeds. Start from {@link #cron} or {@link #after} and add the rest.
 *
 * @param followLatest each firing runs the newest active version of the model's file name and type (true), or the
 *                     model id as given (false)
 * @param cron         5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first); null with after
 * @param timezone     an IANA time zone the cron is read in, e.g. {@code Europe/Berlin}
 * @param after        the schedule whose successful job fires this one; null with cron
 * @param dataSourceId a data source id, or a name for its latest version at each firing; may be null
 * @param dataSources  alias to id or name, each mounted under {@code data/<alias>/}; empty when none
 * @param runtime      the runtime for its jobs; null keeps the model's
 * @param deadline     how long after the fire time its job must end; null for none
 * @param publishAs    the data source its job's {@code output/} becomes on success; null for none
 * @param enabled      false keeps it paused
 * @param priority     its jobs' priority, 0 (the default) to 9 (see {@link ExecutionRequest#withPriority})
 */
public record ScheduleDraft(String name, String modelId, boolean followLatest, String cron, String timezone,
                            String after, Map<String, Object> config, String dataSourceId,
                            Map<String, String> dataSources, RuntimeKind runtime, ScheduleOverlap overlap,
                            ScheduleMisfire misfire, Duration deadline, String publishAs, boolean enabled,
                            int priority) {
    public ScheduleDraft {
        name = name == null ? "" : name.strip();
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.strip();
        cron = cron == null || cron.isBlank() ? null : cron.strip();
        after = after == null || after.isBlank() ? null : after.strip();
        config = config == null ? Map.of() : config;
        dataSourceId = dataSourceId == null || dataSourceId.isBlank() ? null : dataSourceId.strip();
        dataSources = dataSources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
        runtime = runtime == RuntimeKind.AUTO ? null : runtime;
        overlap = overlap == null ? ScheduleOverlap.SKIP : overlap;
        misfire = misfire == null ? ScheduleMisfire.RUN_ONCE : misfire;
        publishAs = publishAs == null || publishAs.isBlank() ? null : publishAs.strip();
        if (priority < 0 || priority > JobOrigin.TOP_PRIORITY) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "priority must be between 0 and "
                    + JobOrigin.TOP_PRIORITY + ", was " + priority);
        }
    }

    /** A draft at the default priority. */
    public ScheduleDraft(String name, String modelId, boolean followLatest, String cron, String timezone, String after,
                         Map<String, Object> config, String dataSourceId, Map<String, String> dataSources,
                         RuntimeKind runtime, ScheduleOverlap overlap, ScheduleMisfire misfire, Duration deadline,
                         String publishAs, boolean enabled) {
        this(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources, runtime, overlap,
                misfire, deadline, publishAs, enabled, 0);
    }

    /** Runs {@code modelId} (its latest version) on a cron expression, in UTC until {@link #withTimezone}. */
    public static ScheduleDraft cron(String name, String modelId, String cron) {
        return new ScheduleDraft(name, modelId, true, cron, null, null, null, null, null, null, null, null, null, null,
                true, 0);
    }

    /** Runs {@code modelId} (its latest version) each time a job of schedule {@code afterScheduleId} succeeds. */
    public static ScheduleDraft after(String name, String modelId, String afterScheduleId) {
        return new ScheduleDraft(name, modelId, true, null, null, afterScheduleId, null, null, null, null, null, null,
                null, null, true, 0);
    }

    public ScheduleDraft withTimezone(String zone) {
        return new ScheduleDraft(name, modelId, followLatest, cron, zone, after, config, dataSourceId, dataSources,
                runtime, overlap, misfire, deadline, publishAs, enabled, priority);
    }

    /** false pins the model id given; true (the default) takes the newest active version at each firing. */
    public ScheduleDraft withFollowLatest(boolean follow) {
        return new ScheduleDraft(name, modelId, follow, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, overlap, misfire, deadline, publishAs, enabled, priority);
    }

    public ScheduleDraft withConfig(Map<String, Object> newConfig) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, newConfig, dataSourceId,
                dataSources, runtime, overlap, misfire, deadline, publishAs, enabled, priority);
    }

    public ScheduleDraft withDataSourceId(String idOrName) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, idOrName, dataSources,
                runtime, overlap, misfire, deadline, publishAs, enabled, priority);
    }

    public ScheduleDraft withDataSources(Map<String, String> byAlias) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, byAlias,
                runtime, overlap, misfire, deadline, publishAs, enabled, priority);
    }

    public ScheduleDraft withRuntime(RuntimeKind kind) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                kind, overlap, misfire, deadline, publishAs, enabled, priority);
    }

    public ScheduleDraft withOverlap(ScheduleOverlap newOverlap) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, newOverlap, misfire, deadline, publishAs, enabled, priority);
    }

    public ScheduleDraft withMisfire(ScheduleMisfire newMisfire) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, overlap, newMisfire, deadline, publishAs, enabled, priority);
    }

    /** The job must end this long after its fire time. */
    public ScheduleDraft withDeadline(Duration afterFireTime) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, overlap, misfire, afterFireTime, publishAs, enabled, priority);
    }

    public ScheduleDraft withPublishAs(String dataSourceName) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, overlap, misfire, deadline, dataSourceName, enabled, priority);
    }

    /** false creates it paused. */
    public ScheduleDraft withEnabled(boolean on) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, overlap, misfire, deadline, publishAs, on, priority);
    }

    /** Its jobs' priority, 0 (the default) to 9. */
    public ScheduleDraft withPriority(int newPriority) {
        return new ScheduleDraft(name, modelId, followLatest, cron, timezone, after, config, dataSourceId, dataSources,
                runtime, overlap, misfire, deadline, publishAs, enabled, newPriority);
    }
}
