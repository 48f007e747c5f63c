package com.sandboxopt.core.internal.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.util.Map;

/** JSON to and from plain JDK values (maps, lists, strings, numbers, booleans, null). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "Value is not JSON-like (use maps, lists, strings, numbers, booleans, null): " + e.getOriginalMessage(), e);
        }
    }

    /** Parses any JSON value into JDK types; null text gives null. */
    public static Object read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Broken JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON object; null or blank text gives an empty map. */
    public static Map<String, Object> readObject(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Expected a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
