package com.sandboxopt.server.api;

import com.sandboxopt.core.SandboxException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns the library's error codes into HTTP statuses with an {@link ApiError}. */
@Produces
@Singleton
@Requires(classes = {SandboxException.class, ExceptionHandler.class})
public class SandboxErrorHandler implements ExceptionHandler<SandboxException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, SandboxException exception) {
        MutableHttpResponse<?> response = HttpResponse.status(statusOf(exception)).body(ApiError.of(exception));
        if (statusOf(exception) == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", "5");
        }
        return response;
    }

    static HttpStatus statusOf(SandboxException exception) {
        return switch (exception.code()) {
            case INVALID_ARGUMENT, INVALID_FILE_CONTENT -> HttpStatus.BAD_REQUEST;
            case UNSUPPORTED_FILE_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case FILE_TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case SYNTAX_ERROR -> HttpStatus.UNPROCESSABLE_ENTITY;
            case MODEL_NOT_FOUND, JOB_NOT_FOUND, DATA_SOURCE_NOT_FOUND, FILE_NOT_FOUND, SCHEDULE_NOT_FOUND,
                 USER_NOT_FOUND, EXPERIMENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case USER_EXISTS -> HttpStatus.CONFLICT;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case QUOTA_EXCEEDED -> HttpStatus.TOO_MANY_REQUESTS;
            // the request is fine, this server cannot honour it (e.g. no bubblewrap): 409 with what to install
            case MODEL_ARCHIVED, DATA_SOURCE_ARCHIVED, JOB_ALREADY_FINISHED, RUNTIME_UNAVAILABLE -> HttpStatus.CONFLICT;
            case QUEUE_FULL, CLOSED -> HttpStatus.SERVICE_UNAVAILABLE;
            case STORAGE_FAILURE, RUNTIME_FAILURE -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
