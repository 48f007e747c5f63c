package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Role;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.User;
import com.sandboxopt.core.UserChange;
import com.sandboxopt.server.api.wire.UserAnswer;
import com.sandboxopt.server.api.wire.UserBody;
import com.sandboxopt.server.api.wire.UserJson;
import com.sandboxopt.server.api.wire.UserPatchBody;
import com.sandboxopt.server.api.wire.UsersAnswer;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import com.sandboxopt.server.security.SecuritySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.util.Map;

/**
 * Users: admins list, create, change and delete them; every user changes its own password (with the current one).
 * The last enabled admin cannot be demoted, disabled or deleted, so the server never locks everyone out.
 */
@Controller("/api/optimization")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserController {
    private final Sandbox sandbox;
    private final SecuritySettings security;

    public UserController(Sandbox sandbox, SecuritySettings security) {
        this.sandbox = sandbox;
        this.security = security;
    }

    @Get("/users")
    @Secured(Roles.ADMIN)
    public UsersAnswer users() {
        requireSecurity();
        return new UsersAnswer(sandbox.users().list().stream().map(UserJson::of).toList());
    }

    /** 201 with the user; 400 for a bad name, role or password; 409 when the name is taken. */
    @Post("/users")
    @Secured(Roles.ADMIN)
    @Audited("user.create")
    public HttpResponse<UserAnswer> create(@Valid @Body @Nullable UserBody body) {
        requireSecurity();
        if (body == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Send {\"username\", \"password\", \"role\"}");
        }
        User user = sandbox.users().create(body.username().strip(), body.password(), Role.parse(body.role()),
                body.mustChangePassword() == null || body.mustChangePassword());
        return HttpResponse.created(new UserAnswer(UserJson.of(user)));
    }

    @Get("/users/{username}")
    @Secured(Roles.ADMIN)
    public UserAnswer user(@PathVariable String username) {
        requireSecurity();
        return new UserAnswer(UserJson.of(find(username)));
    }

    /**
     * Changes a user. An admin may change anything of anyone; a user may change only its own password, giving the
     * current one.
     */
    @Patch("/users/{username}")
    @Secured(Roles.VIEWER)
    @Audited(value = "user.change", target = "username")
    public UserAnswer change(HttpRequest<?> request, @PathVariable String username,
                             @Valid @Body @Nullable UserPatchBody body) {
        requireSecurity();
        Caller caller = Caller.of(request);
        if (body == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Send the fields to change: role, enabled,"
                    + " password (with currentPassword for your own), mustChangePassword");
        }
        boolean self = username.equals(caller.username());
        boolean onlyPassword = body.role() == null && body.enabled() == null && body.mustChangePassword() == null;
        if (!caller.isAdmin() && !(self && onlyPassword)) {
            throw new SandboxException(ErrorCode.FORBIDDEN, self ? "You may change only your own password; the rest"
                    + " is an admin's" : "This needs the role admin: you may change only your own password");
        }
        User user = find(username);
        if (self && body.password() != null && (!caller.isAdmin() || body.currentPassword() != null
                || user.mustChangePassword())) {
            if (sandbox.users().checkPassword(username, body.currentPassword()).isEmpty()) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "currentPassword is wrong: give your current"
                        + " password to choose a new one");
            }
            if (body.password().equals(body.currentPassword())) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The new password is the current one: choose"
                        + " another");
            }
        }
        Role role = body.role() == null ? null : Role.parse(body.role());
        if (user.role() == Role.ADMIN && user.enabled() && (role != null && role != Role.ADMIN
                || Boolean.FALSE.equals(body.enabled()))) {
            requireAnotherAdmin(username);
        }
        Boolean mustChange = body.mustChangePassword() != null ? body.mustChangePassword()
                : body.password() != null ? !self : null;
        return new UserAnswer(UserJson.of(sandbox.users().change(username,
                new UserChange(role, body.enabled(), body.password(), mustChange))));
    }

    @Delete("/users/{username}")
    @Secured(Roles.ADMIN)
    @Audited(value = "user.delete", target = "username")
    public Map<String, Object> delete(HttpRequest<?> request, @PathVariable String username) {
        requireSecurity();
        User user = find(username);
        if (username.equals(Caller.of(request).username())) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "You cannot delete yourself: another admin can");
        }
        if (user.role() == Role.ADMIN && user.enabled()) {
            requireAnotherAdmin(username);
        }
        sandbox.users().delete(username);
        return Map.of("success", true, "deleted", username);
    }

    private User find(String username) {
        return sandbox.users().find(username).orElseThrow(() -> new SandboxException(ErrorCode.USER_NOT_FOUND,
                "No user named '" + username + "'"));
    }

    private void requireAnotherAdmin(String username) {
        boolean another = sandbox.users().list().stream().anyMatch(u -> u.role() == Role.ADMIN && u.enabled()
                && !u.username().equals(username));
        if (!another) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, username + " is the last enabled admin: make"
                    + " another user admin first, so that someone can still manage the server");
        }
    }

    private void requireSecurity() {
        if (!security.enabled()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "This server has no users: set"
                    + " sandbox.security.enabled=true to manage them");
        }
    }
}
