package com.sandboxopt.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/** Framework errors (unknown path, wrong media type, body too large...) in the API's own shape, with a code of their own. */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ErrorBody implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return ApiError.of(message.isBlank() ? response.reason() : message, ApiError.codeOf(response.status()));
    }
}
