package com.sandboxopt.server.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.time.Duration;
import java.util.Optional;

/**
 * The page's session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page
 * sends it), {@code Secure} when the request came over HTTPS (directly or through a proxy that says so).
 */
final class SessionCookie {
    static final String NAME = "SANDBOX_SESSION";

    private SessionCookie() {
    }

    static Cookie of(String secret, Duration lifetime, HttpRequest<?> request) {
        return Cookie.of(NAME, secret).httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(lifetime)
                .secure(overHttps(request));
    }

    static Cookie cleared(HttpRequest<?> request) {
        return Cookie.of(NAME, "").httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(0)
                .secure(overHttps(request));
    }

    static Optional<String> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    private static boolean overHttps(HttpRequest<?> request) {
        return request.isSecure() || request.getHeaders().get("X-Forwarded-Proto", String.class)
                .map(proto -> proto.equalsIgnoreCase("https")).orElse(false);
    }
}
