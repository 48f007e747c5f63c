package com.sandboxopt.server.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * The {@code sandbox.security.*} keys.
 *
 * @param enabled         every API call, the WebSocket and the page need a signed-in user (or a token); default false
 * @param adminPassword   the first admin's password on a database without users; unset: one is generated, printed once
 *                        in the start banner, and must be changed at the first sign-in
 * @param sessionLifetime how long a page session lasts after its login; default 12 hours
 * @param loginAttempts   wrong passwords in a row (per user and address) before logins are refused for a while
 * @param lockout         how long the first lockout lasts; each further one twice as long, up to 15 minutes
 */
@ConfigurationProperties("sandbox.security")
public record SecuritySettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String adminPassword,
        @Bindable(defaultValue = "12h") Duration sessionLifetime,
        @Bindable(defaultValue = "5") int loginAttempts,
        @Bindable(defaultValue = "30s") Duration lockout) {
}
