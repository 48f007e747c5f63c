package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.core.ScheduleMisfire;
import com.sandboxopt.core.ScheduleOverlap;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The body of {@code POST /api/optimization/schedules} and {@code PUT .../schedules/{id}}: what a schedule runs and
 * when. Read strictly as {@link ExecuteBody} is; the library checks the rest (cron, time zone, model, data sources).
 */
@Serdeable
public record ScheduleBody(@NotNull(message = "is required") String name,
                           @NotNull(message = "is required") String modelId,
                           Boolean followLatest,
                           String cron,
                           String timezone,
                           String after,
                           Map<String, Object> config,
                           String dataSourceId,
                           Map<String, String> dataSources,
                           String runtime,
                           String overlap,
                           String misfire,
                           String deadline,
                           String publishAs,
                           Boolean enabled,
                           Integer priority) {

    /** What an empty body is answered with. */
    public static final String EXAMPLE = "Send a JSON object like {\"name\": \"morning DMO\", \"modelId\": \"...\","
            + " \"cron\": \"0 6 * * *\", \"timezone\": \"Europe/Berlin\"}";

    /** What the library runs: absent fields take their defaults. */
    public ScheduleDraft draft() {
        RuntimeKind kind = runtime == null || runtime.isBlank() ? null : RuntimeKind.parse(runtime);
        return new ScheduleDraft(name, modelId, followLatest == null || followLatest, cron, timezone, after, config,
                dataSourceId, dataSources, kind, ScheduleOverlap.parse(overlap), ScheduleMisfire.parse(misfire),
                duration(deadline), publishAs, enabled == null || enabled, priority == null ? 0 : priority);
    }

    /** A field of this body's own kinds, for a body whose field has the wrong JSON type; null for the shared ones. */
    public static String expected(String path) {
        return switch (path) {
            case "followLatest", "enabled" -> path + " must be true or false";
            case "priority" -> "priority must be a whole number from 0 (the default) to 9";
            default -> null;
        };
    }

    private static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "deadline must be an ISO-8601 duration after the"
                    + " fire time, such as PT2H or PT45M, was '" + text.strip() + "'");
        }
    }
}
