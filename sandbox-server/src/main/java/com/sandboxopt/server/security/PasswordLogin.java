package com.sandboxopt.server.security;

import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.User;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks a login's username and password against the users in the database (bcrypt, on the blocking pool), unless
 * the throttle refuses it first. What happened is left on the request for {@link SessionLogin}: the name tried, and
 * how long logins stay refused.
 */
@Singleton
final class PasswordLogin<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    static final String TRIED_USERNAME = "sandbox.login.username";
    static final String REFUSED_FOR = "sandbox.login.refusedFor";
    static final String LOCKED_NOW = "sandbox.login.lockedNow";

    private final BeanProvider<Sandbox> sandbox;
    private final LoginThrottle throttle;

    PasswordLogin(BeanProvider<Sandbox> sandbox, LoginThrottle throttle) {
        this.sandbox = sandbox;
        this.throttle = throttle;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity() == null ? "" : credentials.getIdentity().strip();
        String address = AuditLog.addressOf(request);
        request.setAttribute(TRIED_USERNAME, username);
        Optional<Duration> refused = throttle.refusedFor(username, address);
        if (refused.isPresent()) {
            request.setAttribute(REFUSED_FOR, refused.get());
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        Optional<User> user = sandbox.get().users().checkPassword(username, credentials.getSecret());
        if (user.isEmpty()) {
            throttle.failed(username, address).ifPresent(lockout -> request.setAttribute(LOCKED_NOW, lockout));
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        throttle.succeeded(username, address);
        User signedIn = user.get();
        return AuthenticationResponse.success(signedIn.username(), Roles.held(signedIn.role()),
                Roles.of(signedIn.username(), signedIn.role(), "session", null, signedIn.mustChangePassword())
                        .getAttributes());
    }
}
