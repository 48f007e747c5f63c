package com.sandboxopt.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Framework errors (unknown path, wrong media type, body too large...) in the API's own shape. */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ErrorBody implements JsonErrorResponseBodyProvider<Map<String, Object>> {

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message.isBlank() ? response.reason() : message);
        return body;
    }
}
