package com.sandboxopt.server.api.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code PATCH /users/{username}}: what to change (absent fields stay). Users change their own password with
 * {@code password} and {@code currentPassword}; the rest is an admin's.
 */
@Serdeable
public record UserPatchBody(@Nullable String role, @Nullable Boolean enabled, @Nullable String password,
                            @Nullable String currentPassword, @Nullable Boolean mustChangePassword) {
}
