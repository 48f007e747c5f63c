package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.events.JobEvents;
import com.sandboxopt.server.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/optimization/jobs/{jobId}/events}: one job's events as Server-Sent Events, for
 * {@code curl -N} and scripts without a WebSocket client. Resumes after {@code afterSeq} or the
 * {@code Last-Event-ID} a reconnecting client sends, whichever is later.
 */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
public class JobEventsController {
    private final Sandbox sandbox;
    private final JobEvents events;

    public JobEventsController(Sandbox sandbox, JobEvents events) {
        this.sandbox = sandbox;
        this.events = events;
    }

    /** The job is looked up first (on a blocking thread) so an unknown one is a 404 in JSON, not an empty stream. */
    @Get("/jobs/{jobId}/events")
    @Produces(MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<String>> events(@PathVariable String jobId, @QueryValue @Nullable Long afterSeq,
                                           @Header("Last-Event-ID") @Nullable String lastEventId) {
        long from = Math.max(checked("afterSeq", afterSeq), lastEventId == null ? 0 : lastEventId(lastEventId));
        sandbox.jobs().get(jobId);
        return events.stream(jobId, from);
    }

    private static long checked(String name, Long value) {
        if (value != null && value < 0) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, name + " must be a whole number of 0 or more, was "
                    + value);
        }
        return value == null ? 0 : value;
    }

    private static long lastEventId(String text) {
        try {
            return checked("Last-Event-ID", Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Last-Event-ID must be the seq of a line (a whole"
                    + " number), was '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }
}
