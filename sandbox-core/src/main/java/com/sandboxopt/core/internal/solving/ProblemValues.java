package com.sandboxopt.core.internal.solving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the single value the parser stands on, as the problem's format wants it, or refuses it with a
 * message that says where it stood and what it was, in Python's words (a dict, None, True or False),
 * since the job that reads the message wrote Python.
 */
final class ProblemValues {
    private ProblemValues() {
    }

    static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new ProblemException("sandbox.solve: " + what + " must be a dict, was " + describe(actual));
        }
    }

    static String text(JsonParser p, String where) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new ProblemException("sandbox.solve: " + where + " must be a string, was " + describe(p.currentToken()));
        }
        return p.getText();
    }

    static double number(JsonParser p, String where) throws IOException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new ProblemException("sandbox.solve: " + where + " must be a number, was " + describe(token));
        }
        double value = p.getDoubleValue();
        if (Double.isNaN(value)) {
            throw new ProblemException("sandbox.solve: " + where + " is NaN");
        }
        return value;
    }

    static double bound(JsonParser p, double whenNull, String where) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? whenNull : number(p, where);
    }

    static boolean bool(JsonParser p, String where) throws IOException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw new ProblemException("sandbox.solve: " + where + " must be True or False, was " + describe(token));
        }
        return token == JsonToken.VALUE_TRUE;
    }

    /** PuLP's msg and mip are often 0 or 1. */
    static boolean truthy(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue() != 0;
        }
        return bool(p, "this option");
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "a dict";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a bool";
            case VALUE_NULL -> "None";
            default -> token.toString();
        };
    }
}
