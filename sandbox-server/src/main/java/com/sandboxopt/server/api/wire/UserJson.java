package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.User;

/** A user on the wire (never its password or hash). */
public record UserJson(String username, String role, boolean enabled, boolean mustChangePassword, String createdAt,
                       String updatedAt) {
    public static UserJson of(User user) {
        return new UserJson(user.username(), user.role().wireName(), user.enabled(), user.mustChangePassword(),
                Times.iso(user.createdAt()), Times.iso(user.updatedAt()));
    }
}
