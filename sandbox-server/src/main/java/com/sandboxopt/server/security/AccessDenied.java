package com.sandboxopt.server.security;

import com.sandboxopt.server.api.ApiError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

/**
 * The answers to a refused request, in the API's error shape: 401 {@code UNAUTHORIZED} when nobody is signed in (or
 * the token is unknown), saying how to sign in; 403 {@code FORBIDDEN} naming the role the request needs.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AccessDenied implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    private static final List<String> ORDER = List.of(Roles.VIEWER, Roles.ANALYST, Roles.ADMIN);

    private final SecuritySettings security;

    AccessDenied(SecuritySettings security) {
        this.security = security;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (!exception.isForbidden()) {
            boolean sent = request.getHeaders().getAuthorization().isPresent()
                    || request.getParameters().contains("token") || SessionCookie.of(request).isPresent();
            String message = security.enabled()
                    ? sent ? "Your session or token is unknown, expired or revoked: sign in again"
                            : "Sign in first (POST /api/optimization/login), or send Authorization: Bearer <token>"
                    : sent ? "The API token is wrong"
                            : "This server needs an API token: send Authorization: Bearer <token>";
            return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .body(ApiError.of(message, "UNAUTHORIZED"));
        }
        String reason = request.getAttribute(AccessRule.REASON, String.class).orElseGet(() -> {
            String role = exception.getAuthentication() == null ? "none"
                    : Roles.roleOf(exception.getAuthentication()).wireName();
            return "This needs the role " + neededRole(request) + "; " + exception.getAuthentication().getName()
                    + " is " + role;
        });
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN).body(ApiError.of(reason, "FORBIDDEN"));
    }

    /** The role the route's {@code @Secured} asks for (the method's, which is never below its class's). */
    private static String neededRole(HttpRequest<?> request) {
        String[] allowed = RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().stringValues(Secured.class)).orElse(new String[0]);
        return Arrays.stream(allowed).filter(ORDER::contains).max((a, b) -> ORDER.indexOf(a) - ORDER.indexOf(b))
                .orElse(Roles.ADMIN);
    }
}
