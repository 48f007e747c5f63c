package com.sandboxopt.core.internal.service;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.core.Schedules;
import com.sandboxopt.core.internal.assembly.SandboxParts;
import com.sandboxopt.core.internal.data.DataCatalog;
import com.sandboxopt.core.internal.models.ModelCatalog;
import com.sandboxopt.core.internal.schedules.CronPlan;
import com.sandboxopt.core.internal.schedules.Firings;
import com.sandboxopt.core.internal.schedules.ScheduleEngine;
import com.sandboxopt.core.internal.storage.ScheduleTable;
import com.sandboxopt.core.internal.storage.ScheduleTables;
import com.sandboxopt.core.internal.util.Ids;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.util.Now;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Schedules}: checks a schedule before storing it (nothing is stored when a check fails), keeps the scheduling
 * engine's next fire time in step with it, and shows it with its next runs, next model version, last job and skips.
 */
public final class ScheduleService implements Schedules, AutoCloseable {
    private static final int NEXT_RUNS = 5;
    private static final int SKIPS_SHOWN = 20;
    private static final int MAX_NAME = 200;

    private final SandboxParts parts;
    private final JobService jobs;
    private final ScheduleTable table;
    private final Firings firings;
    private final ScheduleEngine engine;

    private ScheduleService(SandboxParts parts, JobService jobs, ScheduleTables tables, String nodeName) {
        this.parts = parts;
        this.jobs = jobs;
        this.table = tables.schedules();
        this.firings = new Firings(table, parts.storage(), jobs::execute, jobs::cancel);
        this.engine = new ScheduleEngine(tables.dataSource(), nodeName, firings);
        parts.listeners().add(firings);
        engine.start();
    }

    /** Schedules in the sandbox's own database; without one (an application's storage) every call says so. */
    public static Schedules start(SandboxParts parts, JobService jobs, Optional<ScheduleTables> tables, String nodeName) {
        return tables.<Schedules>map(t -> new ScheduleService(parts, jobs, t, nodeName))
                .orElseGet(NoSchedules::new);
    }

    @Override
    public Schedule create(ScheduleDraft draft, String owner) {
        check(null, draft);
        Instant now = Now.instant();
        String id = Ids.scheduleId(now);
        table.insert(new ScheduleTable.Row(id, draft, owner, now, now));
        armOrDisarm(id, draft);
        return get(id);
    }

    @Override
    public Schedule get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public Optional<Schedule> find(String id) {
        return table.find(id).map(this::view);
    }

    @Override
    public List<Schedule> list() {
        return table.list().stream().map(this::view).toList();
    }

    @Override
    public Schedule replace(String id, ScheduleDraft draft) {
        get(id);
        check(id, draft);
        table.update(id, draft, Now.instant());
        armOrDisarm(id, draft);
        return get(id);
    }

    @Override
    public void delete(String id) {
        get(id);
        List<String> dependents = table.runningAfter(id).stream().map(r -> r.draft().name() + " (" + r.id() + ")")
                .toList();
        if (!dependents.isEmpty()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Schedules run after this one: " + dependents
                    + "; delete them or point them elsewhere first");
        }
        engine.disarm(id);
        table.delete(id);
    }

    @Override
    public Schedule pause(String id) {
        return setEnabled(id, false);
    }

    @Override
    public Schedule resume(String id) {
        return setEnabled(id, true);
    }

    @Override
    public JobHandle runNow(String id) {
        Schedule schedule = get(id);
        ScheduleDraft draft = schedule.definition();
        Model model = firings.modelToRun(draft).orElseThrow(() -> new SandboxException(ErrorCode.MODEL_ARCHIVED,
                "The schedule's model " + draft.modelId() + " is archived or gone: upload it again"));
        Instant now = Now.instant();
        return jobs.execute(Firings.request(model, draft, now),
                JobOrigin.schedule(id, now).withOwner(schedule.owner()));
    }

    @Override
    public List<ZonedDateTime> preview(String cron, String timezone, Instant from, int count) {
        if (count < 1 || count > 100) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "count must be between 1 and 100, was " + count);
        }
        return CronPlan.parse(cron, timezone).next(from == null ? Instant.now() : from, count);
    }

    private Schedule setEnabled(String id, boolean enabled) {
        ScheduleDraft draft = get(id).definition().withEnabled(enabled);
        table.update(id, draft, Now.instant());
        armOrDisarm(id, draft);
        return get(id);
    }

    private void armOrDisarm(String id, ScheduleDraft draft) {
        if (draft.enabled() && draft.cron() != null) {
            CronPlan.parse(draft.cron(), draft.timezone()).nextAfter(Instant.now())
                    .ifPresent(at -> engine.arm(id, at));
        } else {
            engine.disarm(id);
        }
    }

    /** Everything a firing needs, checked now, so that a bad schedule is refused rather than skipping later. */
    private void check(String id, ScheduleDraft draft) {
        if (draft.name().isEmpty() || draft.name().length() > MAX_NAME) {
            throw invalid("name is required (1 to " + MAX_NAME + " characters)");
        }
        if (draft.modelId() == null || draft.modelId().isBlank()) {
            throw invalid("modelId is required");
        }
        if ((draft.cron() == null) == (draft.after() == null)) {
            throw invalid("give exactly one of cron (when it runs) and after (the schedule whose successful job"
                    + " starts it)");
        }
        CronPlan.zone(draft.timezone());
        if (draft.cron() != null) {
            CronPlan.parse(draft.cron(), draft.timezone());
        } else {
            checkAfter(id, draft.after());
        }
        Model model = parts.storage().findModel(draft.modelId()).orElseThrow(() -> ModelCatalog.notFound(draft.modelId()));
        if (model.status() == ModelStatus.ARCHIVED && !draft.followLatest()) {
            throw new SandboxException(ErrorCode.MODEL_ARCHIVED, "Model " + model.name() + " is archived: restore it,"
                    + " or upload it again");
        }
        if (firings.modelToRun(draft).isEmpty()) {
            throw new SandboxException(ErrorCode.MODEL_ARCHIVED, "No active version of " + model.fileName()
                    + " (" + model.type() + "): upload it again");
        }
        Json.readObject(Json.write(draft.config()));
        checkData(draft);
        if (draft.runtime() != null) {
            parts.runtimes().requireAvailable(draft.runtime());
        }
        if (draft.deadline() != null && (draft.deadline().isNegative() || draft.deadline().isZero())) {
            throw invalid("deadline must be a positive duration after the fire time, e.g. PT2H, was " + draft.deadline());
        }
        if (draft.publishAs() != null) {
            DataCatalog.checkedName(draft.publishAs());
        }
    }

    /**
     * The data sources must exist, or (by name) be what a schedule publishes: a chain is made before its first run,
     * and a firing before the first version exists is skipped saying so.
     */
    private void checkData(ScheduleDraft draft) {
        Set<String> published = new HashSet<>();
        table.list().forEach(row -> {
            if (row.draft().publishAs() != null) {
                published.add(row.draft().publishAs());
            }
        });
        if (draft.publishAs() != null) {
            published.add(draft.publishAs());
        }
        java.util.function.Predicate<String> missing = name -> name != null && !published.contains(name);
        String main = missing.test(draft.dataSourceId()) ? draft.dataSourceId() : null;
        Map<String, String> aliases = new LinkedHashMap<>();
        draft.dataSources().forEach((alias, name) -> aliases.put(alias, missing.test(name) ? name : null));
        aliases.values().removeIf(java.util.Objects::isNull);
        parts.data().resolve(main, aliases);
    }

    /** The schedule {@code after} names must exist, and following after from it must not come back to {@code id}. */
    private void checkAfter(String id, String after) {
        Set<String> seen = new HashSet<>();
        String current = after;
        while (current != null) {
            if (current.equals(id) || !seen.add(current)) {
                throw invalid("after '" + after + "' makes a cycle: this schedule would wait for itself");
            }
            String looking = current;
            ScheduleTable.Row row = table.find(looking).orElseThrow(() -> looking.equals(after)
                    ? notFound(after) : invalid("after: schedule " + looking + " in the chain is gone"));
            current = row.draft().after();
        }
    }

    private Schedule view(ScheduleTable.Row row) {
        ScheduleDraft draft = row.draft();
        List<ZonedDateTime> nextRuns = draft.enabled() && draft.cron() != null
                ? CronPlan.parse(draft.cron(), draft.timezone()).next(Instant.now(), NEXT_RUNS) : List.of();
        String nextModel = firings.modelToRun(draft).map(Model::id).orElse(null);
        var lastJob = parts.storage().listJobs(JobQuery.ofSchedule(row.id(), 1)).stream().findFirst().orElse(null);
        return new Schedule(row.id(), draft, row.owner(), row.createdAt(), row.updatedAt(), nextRuns, nextModel,
                lastJob, table.skips(row.id(), SKIPS_SHOWN));
    }

    private static SandboxException invalid(String message) {
        return new SandboxException(ErrorCode.INVALID_ARGUMENT, message);
    }

    private static SandboxException notFound(String id) {
        return new SandboxException(ErrorCode.SCHEDULE_NOT_FOUND, "No schedule with id '" + id + "'");
    }

    @Override
    public void close() {
        engine.close();
        firings.close();
    }
}
