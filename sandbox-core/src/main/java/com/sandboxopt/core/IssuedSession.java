package com.sandboxopt.core;

import java.time.Instant;

/**
 * A page session just opened: its secret goes into a cookie, its CSRF token into the page, which sends it back on
 * every request that changes something.
 */
public record IssuedSession(String secret, String csrfToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedSession[expiresAt=" + expiresAt + ", secret=(hidden)]";
    }
}
