package com.sandboxopt.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sandboxopt.core.ModelValidationException;
import com.sandboxopt.core.SandboxException;
import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * Every error answer of the API: {@code success} false, what went wrong and what to do, and a code (the
 * library's {@code ErrorCode}, {@code IDEMPOTENCY_KEY_REUSED} or {@code IDEMPOTENCY_KEY_IN_USE}, or one of
 * {@link #FRAMEWORK_CODES} for errors of the HTTP layer). The extras are written only when set: a syntax error's
 * position, the job of a reused idempotency key.
 */
public record ApiError(boolean success, String error, String code,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer line,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer column,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String text,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String jobId) {

    /** Codes of errors that come from the HTTP layer rather than the library (docs/API.md lists them). */
    public static final List<String> FRAMEWORK_CODES = List.of("UNAUTHORIZED", "TOO_MANY_LOGINS", "NOT_FOUND",
            "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "UNSUPPORTED_MEDIA_TYPE", "INTERNAL_SERVER_ERROR");

    public static ApiError of(String error, String code) {
        return new ApiError(false, error, code, null, null, null, null);
    }

    /** The library's error; a syntax error with its line, column and the offending text (for a caret under it). */
    public static ApiError of(SandboxException exception) {
        if (exception instanceof ModelValidationException invalid && invalid.line() > 0) {
            return new ApiError(false, exception.getMessage(), exception.code().name(), invalid.line(), invalid.column(),
                    invalid.sourceLine(), null);
        }
        return of(exception.getMessage(), exception.code().name());
    }

    public ApiError withJobId(String id) {
        return new ApiError(success, error, code, line, column, text, id);
    }

    /**
     * The code of an HTTP-layer error: a 400 or 413 as the library's codes for the same fault (so clients
     * handle one set), otherwise the status's name ({@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}, ...).
     */
    static String codeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "INVALID_ARGUMENT";
            case REQUEST_ENTITY_TOO_LARGE -> "FILE_TOO_LARGE";
            default -> status.name();
        };
    }
}
