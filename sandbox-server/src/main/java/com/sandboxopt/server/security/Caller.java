package com.sandboxopt.server.security;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Role;
import com.sandboxopt.core.SandboxException;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;

import java.util.Objects;

/**
 * Who made a request, as the controllers need it: the owner to record on what it creates, and whether it may change
 * something someone owns. Without security (nobody signed in) everyone may do everything and nothing is owned.
 *
 * @param username the signed-in user; null without security, {@code api-token} for the configured API token
 * @param role     its role; ADMIN without security
 */
public record Caller(String username, Role role) {
    private static final Caller NOBODY = new Caller(null, Role.ADMIN);

    public static Caller of(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(auth -> new Caller(auth.getName(), Roles.roleOf(auth))).orElse(NOBODY);
    }

    /** The owner to record on what this caller creates: a user's name; null without users or for the API token. */
    public String owner() {
        return username == null || Roles.API_TOKEN_USER.equals(username) ? null : username;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * Refuses a change to something another user owns unless the caller is an admin. What nobody owns (made before
     * users, or by the API token) only admins change once users exist.
     *
     * @throws SandboxException FORBIDDEN naming the owner
     */
    public void mayChange(String owner, String what) {
        if (isAdmin() || username != null && Objects.equals(owner, username)) {
            return;
        }
        throw new SandboxException(ErrorCode.FORBIDDEN, what + " belongs to " + (owner == null ? "nobody (it was made"
                + " before users)" : owner) + ": only " + (owner == null ? "" : owner + " or ") + "an admin may change it");
    }
}
