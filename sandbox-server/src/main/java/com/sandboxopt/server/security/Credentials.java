package com.sandboxopt.server.security;

import com.sandboxopt.core.Role;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.config.SandboxSettings;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;

/**
 * Who a secret from a request belongs to: the configured {@code sandbox.api-token} (an admin), a personal API token,
 * or a page session. Read from the database on every request (on the blocking pool), so a revoked token, a disabled
 * user or a logout counts at once on every node.
 */
@Singleton
final class Credentials implements TokenValidator<HttpRequest<?>> {
    private final BeanProvider<Sandbox> sandbox;
    private final SandboxSettings settings;
    private final Scheduler blocking;

    Credentials(BeanProvider<Sandbox> sandbox, SandboxSettings settings,
                @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sandbox = sandbox;
        this.settings = settings;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        if (settings.tokenRequired() && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                settings.apiToken().getBytes(StandardCharsets.UTF_8))) {
            return Mono.just(Roles.of(Roles.API_TOKEN_USER, Role.ADMIN, Roles.API_TOKEN_USER, null, false));
        }
        Mono<Authentication> lookup = Mono.fromCallable(() -> signIn(token));
        // A WebSocket handshake is checked where it arrives: when its check finished on another thread, Netty could
        // read the client's first frame before Micronaut had switched the connection over (a ClassCastException in
        // the router, and the frame lost). One indexed row read on the event loop, once per connection, is cheaper.
        return request != null && request.getPath().startsWith("/ws/") ? lookup : lookup.subscribeOn(blocking);
    }

    private Authentication signIn(String token) {
        return sandbox.get().users().signIn(token)
                .map(signedIn -> Roles.of(signedIn.user().username(), signedIn.user().role(),
                        signedIn.viaToken() ? "token" : "session", signedIn.csrfToken(),
                        signedIn.user().mustChangePassword()))
                .orElse(null);
    }
}
