package com.sandboxopt.server.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.ExecuteBody;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JSON body or a typed parameter the framework could not read, answered as the hand-written parsing
 * answered before: a 400 {@code INVALID_ARGUMENT} that names the field and what it must be, never a 500
 * or Jackson's "Cannot deserialize value of type `java.util.LinkedHashMap`". A check of the body's record
 * that fails (a {@link SandboxException} from its constructor) is answered as that error.
 */
final class JsonBodyErrors {
    private JsonBodyErrors() {
    }

    static HttpResponse<?> answer(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SandboxException sandbox) {
                return HttpResponse.status(SandboxErrorHandler.statusOf(sandbox)).body(ApiError.of(sandbox));
            }
        }
        return HttpResponse.badRequest(ApiError.of(message(error), ErrorCode.INVALID_ARGUMENT.name()));
    }

    private static String message(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch) {
                String path = mismatch.getPath().stream().map(JsonBodyErrors::name).collect(Collectors.joining("."));
                JsonToken token = tokenOf(mismatch);
                if (path.isEmpty() && String.valueOf(mismatch.getOriginalMessage()).contains("end-of-input")) {
                    return ExecuteBody.EXAMPLE; // nothing but whitespace
                }
                return ExecuteBody.expected(path) + (token == null ? "" : ", was " + kind(token));
            }
            if (cause instanceof JsonParseException || (cause instanceof JsonProcessingException
                    && !(cause instanceof JsonMappingException))) {
                return "The request body is not valid JSON: " + ((JsonProcessingException) cause).getOriginalMessage();
            }
        }
        if (error instanceof ConversionErrorException conversion) {
            Argument<?> argument = conversion.getArgument();
            Object value = conversion.getConversionError().getOriginalValue().orElse(null);
            return argument.getName() + " must be " + what(argument.getType()) + (value == null ? "" : ", was '" + value + "'");
        }
        if (error instanceof JsonSyntaxException) {
            return "The request body is not valid JSON: " + error.getMessage();
        }
        return "The request body could not be read: " + error.getMessage();
    }

    /**
     * The JSON token that did not fit, as Jackson's message names it ({@code (token `JsonToken.START_ARRAY`)};
     * StrictString's says it the same way) or {@code from String value}, else the parser's. Null when none says.
     */
    private static JsonToken tokenOf(MismatchedInputException mismatch) {
        String message = String.valueOf(mismatch.getOriginalMessage());
        Matcher named = TOKEN.matcher(message);
        if (named.find()) {
            try {
                return JsonToken.valueOf(named.group(1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (message.contains("from String value")) {
            return JsonToken.VALUE_STRING;
        }
        // the parser may have moved on into the value (an array's first item): only a guess, and the last one
        return mismatch.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
    }

    private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");

    private static String name(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex());
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }

    private static String what(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    /** Instead of Micronaut's "Failed to convert argument [body] for value [null]". */
    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    public static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
            return answer(exception);
        }
    }

    /** Instead of Micronaut's "Invalid JSON: ..." for a Jackson error (a body of the wrong shape too). */
    @Produces
    @Singleton
    @Replaces(JacksonExceptionHandler.class)
    public static class Jackson implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonProcessingException exception) {
            return answer(exception);
        }
    }

    /** Instead of Micronaut's answer to a body that is not JSON. */
    @Produces
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    public static class Syntax implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
            return answer(exception);
        }
    }
}
