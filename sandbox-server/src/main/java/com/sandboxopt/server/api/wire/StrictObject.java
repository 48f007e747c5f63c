package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object as a map, nothing else, refused with the token that came instead: Jackson's own map
 * reading looks into an array before it gives up, and would name its first item's type.
 */
public final class StrictObject extends StdDeserializer<Map<String, Object>> {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    public StrictObject() {
        super(Map.class);
    }

    @Override
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw notAn(parser, "object");
        }
        return context.readValue(parser, context.getTypeFactory().constructType(MAP));
    }

    /** The same wording as Jackson's messages, which JsonBodyErrors reads the token from. */
    static MismatchedInputException notAn(JsonParser parser, String what) {
        return MismatchedInputException.from(parser, Map.class,
                "expected a JSON " + what + " (token `JsonToken." + parser.currentToken() + "`)");
    }
}
