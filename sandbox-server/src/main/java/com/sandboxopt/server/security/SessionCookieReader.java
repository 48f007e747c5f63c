package com.sandboxopt.server.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Reads the page's session secret from its cookie, for {@link Credentials} to check like any other secret. */
@Singleton
final class SessionCookieReader implements TokenReader<HttpRequest<?>> {
    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return SessionCookie.of(request);
    }

    @Override
    public int getOrder() {
        return 5; // after the Authorization header: a script's token wins over a browser's cookie
    }
}
