package com.sandboxopt.server.api;

import io.micronaut.http.HttpRequest;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.server.api.wire.ExecuteAnswer;
import com.sandboxopt.server.api.wire.JobJson;
import com.sandboxopt.server.api.wire.PreviewAnswer;
import com.sandboxopt.server.api.wire.ScheduleAnswer;
import com.sandboxopt.server.api.wire.ScheduleBody;
import com.sandboxopt.server.api.wire.ScheduleJson;
import com.sandboxopt.server.api.wire.SchedulesAnswer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Schedules: a model that runs by itself, on a cron expression in a time zone or after another schedule's job
 * succeeds. Each fire time starts at most one job, whichever nodes run; a job a schedule started carries
 * {@code scheduleId} and {@code scheduledFor} ({@code GET /jobs?scheduleId=} lists them).
 */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ScheduleController {
    private final Sandbox sandbox;

    public ScheduleController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Stores a schedule and arms it: 400 naming the cron field that is wrong, an unknown time zone, a cron that never
     * fires, both or neither of cron and after, or a cycle of after; 404 for an unknown model, data source or after
     * schedule; 409 for an archived model. Nothing is stored when it is refused.
     */
    @Post("/schedules")
    @Secured(Roles.ANALYST)
    @Audited("schedule.create")
    public ScheduleAnswer create(HttpRequest<?> request, @Valid @Body @Nullable ScheduleBody body) {
        return answer(sandbox.schedules().create(allowed(request, required(body).draft()), Caller.of(request).owner()));
    }

    /** Every schedule, by name. */
    @Get("/schedules")
    public SchedulesAnswer schedules() {
        return new SchedulesAnswer(sandbox.schedules().list().stream().map(this::json).toList());
    }

    /**
     * The next fire times of {@code cron} in {@code timezone} (UTC when absent) after {@code from} (an ISO-8601
     * instant or date-time with offset; now when absent), {@code count} of them (5 when absent, at most 100): what the
     * page shows while a user types. 400 naming the field that is wrong.
     */
    @Get("/schedules/preview")
    public PreviewAnswer preview(@QueryValue @Nullable String cron, @QueryValue @Nullable String timezone,
                                 @QueryValue @Nullable String from, @QueryValue @Nullable Integer count) {
        return new PreviewAnswer(sandbox.schedules().preview(cron, timezone, instant(from), count == null ? 5 : count)
                .stream().map(t -> t.toOffsetDateTime().toString()).toList());
    }

    @Get("/schedules/{id}")
    public ScheduleAnswer schedule(@PathVariable String id) {
        return answer(sandbox.schedules().get(id));
    }

    /** Replaces what the schedule runs and when, checked as a new one is; its jobs and skips stay. */
    @Put("/schedules/{id}")
    @Secured(Roles.ANALYST)
    @Audited(value = "schedule.replace", target = "id")
    public ScheduleAnswer replace(HttpRequest<?> request, @PathVariable String id,
                                  @Valid @Body @Nullable ScheduleBody body) {
        mayChange(request, id);
        return answer(sandbox.schedules().replace(id, allowed(request, required(body).draft())));
    }

    /** Deletes the schedule (its jobs stay); 400 while another schedule runs after it. */
    @Delete("/schedules/{id}")
    @Secured(Roles.ANALYST)
    @Audited(value = "schedule.delete", target = "id")
    public Map<String, Object> delete(HttpRequest<?> request, @PathVariable String id) {
        mayChange(request, id);
        sandbox.schedules().delete(id);
        return Map.of("success", true, "id", id);
    }

    @Post("/schedules/{id}/pause")
    @Secured(Roles.ANALYST)
    @Audited(value = "schedule.pause", target = "id")
    public ScheduleAnswer pause(HttpRequest<?> request, @PathVariable String id) {
        mayChange(request, id);
        return answer(sandbox.schedules().pause(id));
    }

    @Post("/schedules/{id}/resume")
    @Secured(Roles.ANALYST)
    @Audited(value = "schedule.resume", target = "id")
    public ScheduleAnswer resume(HttpRequest<?> request, @PathVariable String id) {
        mayChange(request, id);
        return answer(sandbox.schedules().resume(id));
    }

    /** Starts the schedule's job now (paused or not), answered as {@code POST /execute} is. */
    @Post("/schedules/{id}/run")
    @Secured(Roles.ANALYST)
    @Audited(value = "schedule.run", target = "id")
    public ExecuteAnswer run(HttpRequest<?> request, @PathVariable String id) {
        mayChange(request, id);
        JobHandle handle = sandbox.schedules().runNow(id);
        Job job = sandbox.jobs().get(handle.jobId());
        return new ExecuteAnswer(true, job.id(), handle.status().wireName(),
                sandbox.jobs().logFile(job.id()).toString(), job.model().id(), job.model().type().name(),
                job.placement().runtime().wireName(), job.inputs().dataSourceId(), job.inputs().dataSources(), null,
                false);
    }

    private ScheduleAnswer answer(Schedule schedule) {
        return new ScheduleAnswer(json(schedule));
    }

    private ScheduleJson json(Schedule schedule) {
        Job last = schedule.lastJob();
        return ScheduleJson.of(schedule, last == null ? null : JobJson.of(last, sandbox.jobs().logFile(last.id())));
    }

    private static ScheduleBody required(ScheduleBody body) {
        if (body == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, ScheduleBody.EXAMPLE);
        }
        return body;
    }

    private static Instant instant(String from) {
        if (!QueryParams.present(from)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(from.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "from must be an ISO-8601 time with its offset,"
                    + " e.g. 2027-03-28T00:00:00Z or 2027-03-28T01:00:00+01:00, was '" + from.strip() + "'");
        }
    }

    /** The top priority is kept for admins, as on execute. */
    private static ScheduleDraft allowed(HttpRequest<?> request, ScheduleDraft draft) {
        if (draft.priority() == JobOrigin.TOP_PRIORITY && !Caller.of(request).isAdmin()) {
            throw new SandboxException(ErrorCode.FORBIDDEN, "priority " + JobOrigin.TOP_PRIORITY + " is the top band,"
                    + " kept for admins (e.g. the gate-closure run): send 0-8");
        }
        return draft;
    }

    /** Analysts manage their own schedules; admins every one. */
    private void mayChange(HttpRequest<?> request, String id) {
        Schedule schedule = sandbox.schedules().get(id);
        Caller.of(request).mayChange(schedule.owner(), "Schedule " + schedule.name());
    }
}
