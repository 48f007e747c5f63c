package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;

/**
 * A JSON string, nothing else: Jackson would turn {@code 7} into {@code "7"}, and an id sent as a number is
 * a client's mistake worth naming ("dataSourceId must be a string") rather than a "not found" for "7".
 */
public final class StrictString extends StdDeserializer<String> {
    public StrictString() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        // the token named as Jackson's own messages name it, for the 400 to say what came instead
        throw MismatchedInputException.from(parser, String.class,
                "expected a JSON string (token `JsonToken." + parser.currentToken() + "`)");
    }
}
