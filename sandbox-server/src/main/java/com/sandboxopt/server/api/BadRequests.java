package com.sandboxopt.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.server.api.wire.ExecuteBody;
import com.sandboxopt.server.api.wire.ExperimentBody;
import com.sandboxopt.server.api.wire.ScheduleBody;
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
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A request the framework could not bind or validate, answered as a 400 {@code INVALID_ARGUMENT} that
 * names the field and what it must be: a body that is not JSON, a field of the wrong JSON type ("config
 * must be a JSON object like ..., was array", never Jackson's "Cannot deserialize value of type
 * `java.util.LinkedHashMap`"), a failed Bean Validation constraint ("modelId is required", the first one in
 * the body's order, see {@link Violations}) and a query value that is not a number. The four handlers
 * replace Micronaut's, whose answers name Java types and parameters ("body.modelId: ...").
 */
final class BadRequests {
    private BadRequests() {
    }

    static HttpResponse<?> answer(String message) {
        return HttpResponse.badRequest(ApiError.of(message, ErrorCode.INVALID_ARGUMENT.name()));
    }

    /** The words for a body or value that could not be read. */
    static String unreadable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch) {
                String path = mismatch.getPath().stream().map(BadRequests::name).collect(Collectors.joining("."));
                if (path.isEmpty() && String.valueOf(mismatch.getOriginalMessage()).contains("end-of-input")) {
                    return ExecuteBody.EXAMPLE; // nothing but whitespace
                }
                String kind = kindOf(mismatch);
                String own = ScheduleBody.expected(path); // the fields only a schedule has; null for shared ones
                own = own != null ? own : ExperimentBody.expected(path);
                return (own != null ? own : ExecuteBody.expected(path)) + (kind == null ? "" : ", was " + kind);
            }
            if (cause instanceof JsonProcessingException json && !(cause instanceof JsonMappingException)) {
                return "The request body is not valid JSON: " + json.getOriginalMessage();
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
     * What kind of JSON value did not fit: the value of a refused coercion ("Cannot coerce Integer value (7)
     * to `java.lang.String`"), the token Jackson's message names ({@code (token `JsonToken.START_ARRAY`)}) or
     * {@code from String value}, else the parser's. Null when none says.
     */
    private static String kindOf(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException coercion && coercion.getValue() != null) {
            Object value = coercion.getValue();
            return value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "string";
        }
        String message = String.valueOf(mismatch.getOriginalMessage());
        Matcher named = TOKEN.matcher(message);
        if (named.find()) {
            try {
                return kind(JsonToken.valueOf(named.group(1)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (message.contains("from String value")) {
            return kind(JsonToken.VALUE_STRING);
        }
        // the parser may have moved on into the value (an array's first item): only a guess, and the last one
        JsonToken token = mismatch.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
        return token == null ? null : kind(token);
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

    /** A failed constraint: its field's path, then its message ("modelId is required"). */
    @Produces
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    public static class Violations implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
            // the exception's set has no order: answer the violation a reader of the body meets first
            ConstraintViolation<?> first = exception.getConstraintViolations().stream()
                    .min(ViolationPaths.IN_BODY_ORDER).orElse(null);
            return answer(first == null ? exception.getMessage() : ViolationPaths.field(first) + " " + first.getMessage());
        }
    }

    /** Instead of Micronaut's "Failed to convert argument [body] for value [null]". */
    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    public static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
            return answer(unreadable(exception));
        }
    }

    /** Instead of Micronaut's "Invalid JSON: ..." for a Jackson error (a body of the wrong shape too). */
    @Produces
    @Singleton
    @Replaces(JacksonExceptionHandler.class)
    public static class Jackson implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonProcessingException exception) {
            return answer(unreadable(exception));
        }
    }

    /** Instead of Micronaut's answer to a body that is not JSON. */
    @Produces
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    public static class Syntax implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
            return answer(unreadable(exception));
        }
    }
}
