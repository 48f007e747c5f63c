package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/optimization/execute}. Jackson reads it with the server's strict JSON types
 * (JsonStrictness: a number is no string, an array no object), micronaut-validation checks it
 * ({@code @Valid @Body}); BadRequests words either failure as a 400 that names the field: a constraint's
 * message follows its field's path ("modelId is required"), a field of the wrong JSON type is named by
 * {@link #expected}; a {@code deadline} that is a string but no instant is refused by {@link #deadlineInstant}. A blank
 * text field counts as absent, a blank data source as empty (refused: "was
 * blank"). {@code idempotencyKey} is kept as sent, blank too: a blank key is refused, not taken for none.
 */
@Serdeable
public record ExecuteBody(@NotNull(message = "is required") String modelId,
                          String modelType,
                          String dataSourceId,
                          Map<String, @NotNull(message = DATA_SOURCE + ", was null")
                                  @Size(min = 1, message = DATA_SOURCE + ", was blank") String> dataSources,
                          Map<String, Object> config,
                          String runtime,
                          String idempotencyKey,
                          String publishAs,
                          String deadline,
                          @Min(value = 0, message = "must be between 0 and 9") @Max(value = 9,
                                  message = "must be between 0 and 9") Integer priority) {

    /** What an empty body is answered with. */
    public static final String EXAMPLE = "Send a JSON object like {\"modelId\": \"...\", \"modelType\": \"DMO\", \"config\": {}}";
    /** What each value of {@code dataSources} must be. */
    static final String DATA_SOURCE = "must be a data source id or name (a non-empty string)";
    /** What {@code deadline} must be. */
    static final String DEADLINE = "deadline must be an ISO-8601 instant like 2026-03-01T11:00:00Z (or with an offset,"
            + " like 2026-03-01T12:00:00+01:00)";

    public ExecuteBody {
        modelId = blankAsAbsent(modelId);
        modelType = blankAsAbsent(modelType);
        dataSourceId = blankAsAbsent(dataSourceId);
        runtime = blankAsAbsent(runtime);
        publishAs = blankAsAbsent(publishAs);
        deadline = blankAsAbsent(deadline);
        config = config == null ? Map.of() : config;
        dataSources = dataSources == null ? Map.of() : blankAsEmpty(dataSources);
    }

    /** The same request without its key: what an idempotency key's fingerprint is taken of. */
    public ExecuteBody withoutKey() {
        return new ExecuteBody(modelId, modelType, dataSourceId, dataSources, config, runtime, null, publishAs, deadline,
                priority);
    }

    /**
     * The deadline as an instant, null when none was sent.
     *
     * @throws SandboxException with {@link ErrorCode#INVALID_ARGUMENT} naming the field when it is no ISO-8601 instant
     */
    public Instant deadlineInstant() {
        if (deadline == null) {
            return null;
        }
        try {
            return Instant.parse(deadline.strip());
        } catch (DateTimeParseException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, DEADLINE + ", was '" + deadline + "'");
        }
    }

    /**
     * What a field (as Jackson's path names it: {@code config}, {@code dataSources.market}, or empty for the
     * body itself) must be, for the message of a body whose field has the wrong JSON type.
     */
    public static String expected(String path) {
        if (path.isEmpty()) {
            return "The request body must be a JSON object with modelId";
        }
        if (path.startsWith("dataSources.")) {
            return path + " " + DATA_SOURCE;
        }
        return switch (path) {
            case "config" -> "config must be a JSON object like {\"hours\": 24}";
            case "dataSources" -> "dataSources must be a JSON object of alias to data source id or name,"
                    + " like {\"market\": \"dmo-market\"}";
            case "idempotencyKey" -> "idempotencyKey must be a string like a UUID";
            case "deadline" -> DEADLINE;
            case "priority" -> "priority must be a whole number from 0 (the default) to 9";
            default -> path + " must be a string";
        };
    }

    private static String blankAsAbsent(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A blank value as empty, which its constraint refuses "was blank" (null stays null: "was null"). */
    private static Map<String, String> blankAsEmpty(Map<String, String> values) {
        if (values.values().stream().noneMatch(value -> value != null && value.isBlank() && !value.isEmpty())) {
            return values;
        }
        Map<String, String> emptied = new LinkedHashMap<>(); // the same order: the first refused one is named
        values.forEach((alias, value) -> emptied.put(alias, value != null && value.isBlank() ? "" : value));
        return emptied;
    }
}
