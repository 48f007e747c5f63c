package com.sandboxopt.server.api.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /tokens}: a name, and an expiry (an ISO instant) or none. */
@Serdeable
public record TokenBody(@NotBlank String name, @Nullable String expiresAt) {
}
