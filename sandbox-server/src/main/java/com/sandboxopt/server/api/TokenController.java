package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.IssuedToken;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.ApiTokenJson;
import com.sandboxopt.server.api.wire.TokenAnswer;
import com.sandboxopt.server.api.wire.TokenBody;
import com.sandboxopt.server.api.wire.TokensAnswer;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** The caller's personal API tokens, for scripts: {@code Authorization: Bearer <token>} acts as the caller. */
@Controller("/api/optimization")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
public class TokenController {
    private final Sandbox sandbox;

    public TokenController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Get("/tokens")
    public TokensAnswer tokens(HttpRequest<?> request) {
        return new TokensAnswer(sandbox.users().tokens(user(request)).stream().map(ApiTokenJson::of).toList());
    }

    /** 201 with the secret, shown this once; it is kept only as a hash. */
    @Post("/tokens")
    @Audited("token.create")
    public HttpResponse<TokenAnswer> create(HttpRequest<?> request, @Valid @Body @Nullable TokenBody body) {
        if (body == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Send {\"name\", \"expiresAt\"?}");
        }
        Instant expiresAt;
        try {
            expiresAt = body.expiresAt() == null || body.expiresAt().isBlank() ? null : Instant.parse(body.expiresAt());
        } catch (DateTimeParseException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "expiresAt '" + body.expiresAt() + "' is not an"
                    + " ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
        IssuedToken issued = sandbox.users().createToken(user(request), body.name(), expiresAt);
        return HttpResponse.created(new TokenAnswer(issued.secret(), ApiTokenJson.of(issued.token())));
    }

    @Delete("/tokens/{id}")
    @Audited(value = "token.revoke", target = "id")
    public Map<String, Object> revoke(HttpRequest<?> request, @PathVariable String id) {
        if (!sandbox.users().revokeToken(user(request), id)) {
            throw new SandboxException(ErrorCode.USER_NOT_FOUND, "You have no token with id '" + id + "'");
        }
        return Map.of("success", true, "revoked", id);
    }

    private static String user(HttpRequest<?> request) {
        String owner = Caller.of(request).owner();
        if (owner == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Tokens belong to users: sign in as a user (the"
                    + " API token and a server without users have none)");
        }
        return owner;
    }
}
