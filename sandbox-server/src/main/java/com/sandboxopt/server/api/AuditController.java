package com.sandboxopt.server.api;

import com.sandboxopt.core.AuditQuery;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.AuditAnswer;
import com.sandboxopt.server.api.wire.AuditEntryJson;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The audit trail, read only: admins see every entry, other users their own. */
@Controller("/api/optimization")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
public class AuditController {
    private final Sandbox sandbox;

    public AuditController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Entries newest first, filtered by {@code actor}, {@code action} ({@code job} matches {@code job.execute} and
     * {@code job.cancel}) and {@code since} (an ISO-8601 instant); {@code limit} 1-10,000, 100 when absent.
     */
    @Get("/audit")
    public AuditAnswer audit(HttpRequest<?> request, @QueryValue @Nullable String actor,
                             @QueryValue @Nullable String action, @QueryValue @Nullable String since,
                             @QueryValue @Nullable Integer limit) {
        Caller caller = Caller.of(request);
        String who = blank(actor) ? null : actor.strip();
        if (!caller.isAdmin()) {
            if (who != null && !who.equals(caller.username())) {
                throw new SandboxException(ErrorCode.FORBIDDEN, "This needs the role admin: you may read only your"
                        + " own entries (actor=" + caller.username() + ")");
            }
            who = caller.username();
        }
        AuditQuery query = new AuditQuery(who, blank(action) ? null : action.strip(), instant(since),
                limit == null ? 100 : limit);
        return new AuditAnswer(sandbox.audit().find(query).stream().map(AuditEntryJson::of).toList());
    }

    private static Instant instant(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "since '" + text + "' is not an ISO-8601 instant"
                    + " such as 2026-12-07T08:00:00Z");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
