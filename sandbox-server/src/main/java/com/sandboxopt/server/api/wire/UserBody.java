package com.sandboxopt.server.api.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /users}: a new user; {@code mustChangePassword} defaults to true (someone else chose the password). */
@Serdeable
public record UserBody(@NotBlank String username, @NotBlank String password, @NotBlank String role,
                       @Nullable Boolean mustChangePassword) {
}
