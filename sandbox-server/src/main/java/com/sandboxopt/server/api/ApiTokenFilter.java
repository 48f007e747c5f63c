package com.sandboxopt.server.api;

import com.sandboxopt.server.config.SandboxSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * When {@code sandbox.api-token} is set, API calls need {@code Authorization: Bearer <token>}; the
 * WebSocket also accepts {@code ?token=<token>} because browsers cannot set headers on it.
 */
@ServerFilter(patterns = {"/api/**", "/ws/**"})
public class ApiTokenFilter {
    private final SandboxSettings settings;

    public ApiTokenFilter(SandboxSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> requireToken(HttpRequest<?> request) {
        if (!settings.tokenRequired()) {
            return null;
        }
        String given = request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .orElse(null);
        if (given == null && request.getPath().startsWith("/ws/")) {
            given = request.getParameters().get("token");
        }
        if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.apiToken().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return HttpResponse.unauthorized()
                .header("WWW-Authenticate", "Bearer")
                .body(ApiError.of(given == null
                        ? "This server needs an API token: send Authorization: Bearer <token>"
                        : "The API token is wrong", "UNAUTHORIZED"));
    }
}
