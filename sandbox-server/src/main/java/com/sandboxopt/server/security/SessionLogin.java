package com.sandboxopt.server.security;

import com.sandboxopt.core.IssuedSession;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.api.ApiError;
import com.sandboxopt.server.api.wire.MeAnswer;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.LoginHandler;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Answers {@code POST /api/optimization/login}: on success a new page session (a new secret every time, and the
 * request's old session ended, so a session id planted before the login is worth nothing) in the session cookie,
 * with the user and the session's CSRF token in the body; on failure 401, or 429 while logins from there are
 * refused. Every login is audited, except those refused by the throttle (one entry marks the lockout instead), so a
 * flood of wrong passwords adds a few entries, not one each.
 */
@Singleton
final class SessionLogin implements LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {
    private final BeanProvider<Sandbox> sandbox;
    private final SecuritySettings settings;
    private final AuditLog audit;

    SessionLogin(BeanProvider<Sandbox> sandbox, SecuritySettings settings, AuditLog audit) {
        this.sandbox = sandbox;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        if (!settings.enabled()) {
            return HttpResponse.badRequest(ApiError.of("This server has no users (sandbox.security.enabled is false):"
                    + " nothing to sign in to", "INVALID_ARGUMENT"));
        }
        SessionCookie.of(request).ifPresent(old -> sandbox.get().users().closeSession(old));
        IssuedSession session = sandbox.get().users().openSession(authentication.getName(), settings.sessionLifetime());
        audit.record(request, authentication.getName(), "login", authentication.getName(), "success", null);
        boolean mustChange = Boolean.TRUE.equals(authentication.getAttributes().get(Roles.MUST_CHANGE_PASSWORD));
        MeAnswer answer = new MeAnswer(true, new MeAnswer.Me(authentication.getName(),
                Roles.roleOf(authentication).wireName(), mustChange), true, session.csrfToken());
        return HttpResponse.ok(answer).cookie(SessionCookie.of(session.secret(), settings.sessionLifetime(), request));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken,
                                               HttpRequest<?> request) {
        return HttpResponse.notFound(ApiError.of("Sessions are not refreshed: sign in again", "NOT_FOUND"));
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        String username = request.getAttribute(PasswordLogin.TRIED_USERNAME, String.class).orElse("");
        var refusedFor = request.getAttribute(PasswordLogin.REFUSED_FOR, Duration.class);
        if (refusedFor.isPresent()) {
            // rounded up: a client that waits Retry-After must not come back before the lockout ends
            long seconds = Math.max(1, (refusedFor.get().toMillis() + 999) / 1000);
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(seconds))
                    .body(ApiError.of("Too many wrong passwords: logins of " + username + " from here are refused for"
                            + " another " + seconds + " s", "TOO_MANY_LOGINS"));
        }
        audit.record(request, AuditLog.ANONYMOUS, "login", username, "failed", "wrong username or password");
        request.getAttribute(PasswordLogin.LOCKED_NOW, Duration.class).ifPresent(lockout -> audit.record(request,
                AuditLog.ANONYMOUS, "login.locked", username, "refused", "logins refused for " + lockout.toSeconds()
                        + " s after repeated wrong passwords"));
        return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                .body(ApiError.of("Wrong username or password", "UNAUTHORIZED"));
    }
}
