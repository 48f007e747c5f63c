package com.sandboxopt.server.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Browsers cannot set headers on a WebSocket, so a script's token may come as {@code ?token=} on {@code /ws/}. */
@Singleton
final class WebSocketTokenReader implements TokenReader<HttpRequest<?>> {
    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/ws/")) {
            return Optional.empty();
        }
        return Optional.ofNullable(request.getParameters().get("token")).filter(token -> !token.isBlank());
    }

    @Override
    public int getOrder() {
        return 10; // after the Authorization header and the session cookie
    }
}
