package com.sandboxopt.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Reads a job's config from JSON text for {@link ExecutionRequest#withConfigJson}. */
final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private ConfigJson() {
    }

    /** The JSON object as maps, lists and JDK values; null or blank text gives an empty map. */
    static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Expected a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
