package com.sandboxopt.core.internal.service;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.core.Schedules;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The schedules of a sandbox on an application's own storage: there are none, and making one says why. */
final class NoSchedules implements Schedules {
    @Override
    public Schedule create(ScheduleDraft draft, String owner) {
        throw unavailable();
    }

    @Override
    public Schedule get(String id) {
        throw unavailable();
    }

    @Override
    public Optional<Schedule> find(String id) {
        return Optional.empty();
    }

    @Override
    public List<Schedule> list() {
        return List.of();
    }

    @Override
    public Schedule replace(String id, ScheduleDraft draft) {
        throw unavailable();
    }

    @Override
    public void delete(String id) {
        throw unavailable();
    }

    @Override
    public Schedule pause(String id) {
        throw unavailable();
    }

    @Override
    public Schedule resume(String id) {
        throw unavailable();
    }

    @Override
    public JobHandle runNow(String id) {
        throw unavailable();
    }

    @Override
    public List<ZonedDateTime> preview(String cron, String timezone, Instant from, int count) {
        return com.sandboxopt.core.internal.schedules.CronPlan.parse(cron, timezone)
                .next(from == null ? Instant.now() : from, count);
    }

    private static SandboxException unavailable() {
        return new SandboxException(ErrorCode.STORAGE_FAILURE, "Schedules live in the sandbox's own database (H2 or"
                + " PostgreSQL): this sandbox stores its data in the application's storage, which keeps none");
    }
}
