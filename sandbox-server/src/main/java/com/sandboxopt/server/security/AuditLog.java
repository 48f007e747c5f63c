package com.sandboxopt.server.security;

import com.sandboxopt.core.AuditEntry;
import com.sandboxopt.core.Sandbox;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Principal;

/**
 * Writes audit entries for requests: who (the signed-in user, {@code api-token}, or {@code anonymous}), from which
 * address. A failure to record is logged, never turned into the request's failure.
 */
@Singleton
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final String ANONYMOUS = "anonymous";

    private final BeanProvider<Sandbox> sandbox;

    AuditLog(BeanProvider<Sandbox> sandbox) {
        this.sandbox = sandbox;
    }

    public void record(HttpRequest<?> request, String action, String target, String outcome, String detail) {
        record(request, actorOf(request), action, target, outcome, detail);
    }

    public void record(HttpRequest<?> request, String actor, String action, String target, String outcome,
                       String detail) {
        try {
            sandbox.get().audit().record(AuditEntry.of(actor, action, target, outcome, addressOf(request), detail));
        } catch (RuntimeException e) {
            LOG.warn("Could not record {} {} of {} in the audit trail: {}", action, outcome, actor, e.getMessage());
        }
    }

    public static String actorOf(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class).map(Principal::getName)
                .or(() -> request.getUserPrincipal().map(Principal::getName)).orElse(ANONYMOUS);
    }

    public static String addressOf(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress() == null ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
    }
}
