package com.sandboxopt.server.security;

import com.sandboxopt.server.config.SandboxSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The rules every request meets before the {@code @Secured} ones:
 * <ul>
 *   <li>security off: everything is open, except that with {@code sandbox.api-token} set the API and the WebSocket
 *       need that token (as before users existed);</li>
 *   <li>a user who must change the password may only read {@code /me}, change it, and sign out;</li>
 *   <li>a change made with the page's session cookie must carry the session's CSRF token in {@code X-CSRF-Token}:
 *       another site's page can make a browser send the cookie (where SameSite does not stop it), never that header.
 *       Tokens and the API token are sent by scripts, not by browsers on their own, so they need none.</li>
 * </ul>
 * A refusal leaves its reason on the request for {@link AccessDenied}'s answer.
 */
@Singleton
final class AccessRule implements SecurityRule<HttpRequest<?>> {
    static final String REASON = "sandbox.access.reason";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** A login takes JSON only, which no other site's page can send without asking first (CORS), so it needs no token. */
    private static final String LOGIN = "/api/optimization/login";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final SecuritySettings security;
    private final SandboxSettings settings;

    AccessRule(SecuritySettings security, SandboxSettings settings) {
        this.security = security;
        this.settings = settings;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        return Mono.just(result(request, authentication));
    }

    private SecurityRuleResult result(HttpRequest<?> request, @Nullable Authentication authentication) {
        String path = request.getPath();
        if (!security.enabled()) {
            boolean guarded = path.startsWith("/api/") || path.startsWith("/ws/");
            if (!settings.tokenRequired() || !guarded || authentication != null) {
                return SecurityRuleResult.ALLOWED;
            }
            return SecurityRuleResult.REJECTED;
        }
        if (authentication == null) {
            return SecurityRuleResult.UNKNOWN;
        }
        if (Boolean.TRUE.equals(authentication.getAttributes().get(Roles.MUST_CHANGE_PASSWORD))
                && !mayWhileChangingPassword(request, authentication)) {
            request.setAttribute(REASON, "Choose a new password first: PATCH /api/optimization/users/"
                    + authentication.getName() + " with {\"currentPassword\", \"password\"}");
            return SecurityRuleResult.REJECTED;
        }
        if (Roles.viaSession(authentication) && !READS.contains(request.getMethod()) && !path.equals(LOGIN)
                && !csrfMatches(request, authentication)) {
            request.setAttribute(REASON, "This change came without the page's CSRF token (header " + CSRF_HEADER
                    + "): reload the page, or use a personal API token from a script");
            return SecurityRuleResult.REJECTED;
        }
        return SecurityRuleResult.UNKNOWN;
    }

    private static boolean mayWhileChangingPassword(HttpRequest<?> request, Authentication authentication) {
        String path = request.getPath();
        return !path.startsWith("/api/") && !path.startsWith("/ws/")
                || path.equals("/api/optimization/me") || path.equals("/api/optimization/logout")
                || request.getMethod() == HttpMethod.PATCH
                && path.equals("/api/optimization/users/" + authentication.getName());
    }

    private static boolean csrfMatches(HttpRequest<?> request, Authentication authentication) {
        Object expected = authentication.getAttributes().get(Roles.CSRF);
        String sent = request.getHeaders().get(CSRF_HEADER);
        return expected != null && sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
