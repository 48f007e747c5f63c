package com.sandboxopt.server.api;

import com.sandboxopt.server.api.wire.MeAnswer;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.SecuritySettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /me}: who is signed in, whether this server has users at all, and (for the page's session) the CSRF
 * token to send back on changes. Open to everyone, so the page can tell whether to show its login form.
 */
@Controller("/api/optimization")
@Secured(SecurityRule.IS_ANONYMOUS)
public class MeController {
    private final SecuritySettings security;

    public MeController(SecuritySettings security) {
        this.security = security;
    }

    @Get("/me")
    public MeAnswer me(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        if (caller.username() == null) {
            return new MeAnswer(true, null, security.enabled(), null);
        }
        Authentication auth = request.getUserPrincipal(Authentication.class).orElseThrow();
        Object csrf = auth.getAttributes().get("csrf");
        boolean mustChange = Boolean.TRUE.equals(auth.getAttributes().get("mustChangePassword"));
        return new MeAnswer(true, new MeAnswer.Me(caller.username(), caller.role().wireName(), mustChange),
                security.enabled(), csrf == null ? null : csrf.toString());
    }
}
