package com.sandboxopt.server.security;

import com.sandboxopt.core.Sandbox;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.Map;

/** Answers {@code POST /api/optimization/logout}: ends the page session in the database and clears its cookie. */
@Singleton
final class SessionLogout implements io.micronaut.security.handlers.LogoutHandler<HttpRequest<?>,
        MutableHttpResponse<?>> {
    private final BeanProvider<Sandbox> sandbox;
    private final AuditLog audit;

    SessionLogout(BeanProvider<Sandbox> sandbox, AuditLog audit) {
        this.sandbox = sandbox;
        this.audit = audit;
    }

    @Override
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        SessionCookie.of(request).ifPresent(secret -> sandbox.get().users().closeSession(secret));
        String actor = AuditLog.actorOf(request);
        audit.record(request, actor, "logout", actor, "success", null);
        return HttpResponse.ok(Map.of("success", true)).cookie(SessionCookie.cleared(request));
    }
}
