package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who is signed in ({@code GET /me}, and the answer of a login). {@code user} is null when nobody is (security off, or
 * not signed in); {@code csrfToken} is the page session's token, which the page sends back as {@code X-CSRF-Token}
 * on every change; {@code security} says whether this server asks for users at all.
 */
public record MeAnswer(boolean success, Me user, boolean security,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String csrfToken) {
    /** The signed-in user as {@code /me} shows it. */
    public record Me(String username, String role, boolean mustChangePassword) {
    }
}
