package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;

import java.util.Map;

/**
 * The body of {@code POST /api/optimization/execute}. Checked here, as it is read (micronaut-validation
 * is not among the offline dependencies): a blank text field counts as absent, {@code modelId} is
 * required. A field of the wrong JSON type is named by {@link #expected} in the 400 (see JsonBodyErrors).
 * {@code idempotencyKey} is kept as sent, blank too: a blank key is refused, not taken for none.
 */
public record ExecuteBody(@JsonDeserialize(using = StrictString.class) String modelId,
                          @JsonDeserialize(using = StrictString.class) String modelType,
                          @JsonDeserialize(using = StrictString.class) String dataSourceId,
                          @JsonDeserialize(using = StrictStringMap.class) Map<String, String> dataSources,
                          @JsonDeserialize(using = StrictObject.class) Map<String, Object> config,
                          @JsonDeserialize(using = StrictString.class) String runtime,
                          @JsonDeserialize(using = StrictString.class) String idempotencyKey) {

    /** What an empty body is answered with. */
    public static final String EXAMPLE = "Send a JSON object like {\"modelId\": \"...\", \"modelType\": \"DMO\", \"config\": {}}";

    public ExecuteBody {
        modelId = blankAsAbsent(modelId);
        if (modelId == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelId is required");
        }
        modelType = blankAsAbsent(modelType);
        dataSourceId = blankAsAbsent(dataSourceId);
        runtime = blankAsAbsent(runtime);
        config = config == null ? Map.of() : config;
        dataSources = dataSources == null ? Map.of() : dataSources;
        dataSources.forEach((alias, idOrName) -> {
            if (idOrName == null || idOrName.isBlank()) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "dataSources." + alias
                        + " must be a data source id or name (a non-empty string), was " + (idOrName == null ? "null" : "blank"));
            }
        });
    }

    /** The same request without its key: what an idempotency key's fingerprint is taken of. */
    public ExecuteBody withoutKey() {
        return new ExecuteBody(modelId, modelType, dataSourceId, dataSources, config, runtime, null);
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
            return path + " must be a data source id or name (a non-empty string)";
        }
        return switch (path) {
            case "config" -> "config must be a JSON object like {\"hours\": 24}";
            case "dataSources" -> "dataSources must be a JSON object of alias to data source id or name,"
                    + " like {\"market\": \"dmo-market\"}";
            case "idempotencyKey" -> "idempotencyKey must be a string like a UUID";
            default -> path + " must be a string";
        };
    }

    private static String blankAsAbsent(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
