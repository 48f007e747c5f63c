package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object of strings, as {@link StrictObject} and {@link StrictString}; a bad value is named by its key. */
public final class StrictStringMap extends StdDeserializer<Map<String, String>> {
    private final StrictString strings = new StrictString();

    public StrictStringMap() {
        super(Map.class);
    }

    @Override
    public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw StrictObject.notAn(parser, "object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            try {
                map.put(key, value == JsonToken.VALUE_NULL ? null : strings.deserialize(parser, context));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, map, key);
            }
        }
        return map;
    }
}
