package com.sandboxopt.server.security;

import com.sandboxopt.core.Role;
import io.micronaut.security.authentication.Authentication;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a user's role becomes the roles {@code @Secured} checks: each role also holds the ones below it, so
 * {@code @Secured(VIEWER)} lets every signed-in user in and {@code @Secured(ANALYST)} analysts and admins.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";

    /** Attributes of an {@link Authentication}: the user's own role, how it signed in, its session's CSRF token. */
    static final String ROLE = "role";
    static final String VIA = "via";
    static final String CSRF = "csrf";
    static final String MUST_CHANGE_PASSWORD = "mustChangePassword";

    /** The name the configured {@code sandbox.api-token} acts under. */
    public static final String API_TOKEN_USER = "api-token";

    private Roles() {
    }

    /** The role and every role below it, as {@code @Secured} names them. */
    static List<String> held(Role role) {
        return Arrays.stream(Role.values()).filter(role::includes).map(Role::wireName).toList();
    }

    /** An authentication for a user signed in one way ({@code session}, {@code token}, {@code api-token}). */
    static Authentication of(String username, Role role, String via, String csrf, boolean mustChangePassword) {
        Map<String, Object> attributes = new java.util.HashMap<>();
        attributes.put(ROLE, role.wireName());
        attributes.put(VIA, via);
        attributes.put(MUST_CHANGE_PASSWORD, mustChangePassword);
        if (csrf != null) {
            attributes.put(CSRF, csrf);
        }
        return Authentication.build(username, held(role), attributes);
    }

    /** The user's own role; VIEWER when the authentication carries none. */
    public static Role roleOf(Authentication authentication) {
        Object role = authentication.getAttributes().get(ROLE);
        return role == null ? Role.VIEWER : Role.parse(role.toString());
    }

    /** Whether the request came from the page's session cookie (which needs the CSRF token on changes). */
    static boolean viaSession(Authentication authentication) {
        return "session".equals(authentication.getAttributes().get(VIA));
    }
}
