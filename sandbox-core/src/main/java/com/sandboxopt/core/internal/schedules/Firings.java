package com.sandboxopt.core.internal.schedules;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.core.ScheduleMisfire;
import com.sandboxopt.core.ScheduleOverlap;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.storage.ScheduleTable;
import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.storage.SandboxStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * What a firing does: start the schedule's job for its fire time, or record why not (the previous job still runs, the
 * firing was missed, the model is archived). Also fires the schedules that run after a schedule whose job succeeded.
 * Every node may see a firing; the first to record it (a job or a skip) is the one that counts.
 */
public final class Firings implements ScheduleEngine.Firing, JobListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Firings.class);
    /** A firing this late was missed (no node ran, or all were busy), and its misfire rule applies. */
    static final Duration MISSED_AFTER = Duration.ofSeconds(10);

    private final ScheduleTable table;
    private final SandboxStorage storage;
    private final BiFunction<ExecutionRequest, JobOrigin, JobHandle> execute;
    private final JobCanceller cancel;
    private final ExecutorService afterJobs = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-schedule-after");
        thread.setDaemon(true);
        return thread;
    });

    /** Cancels a job, on whichever node runs it. */
    @FunctionalInterface
    public interface JobCanceller {
        void cancel(String jobId);
    }

    public Firings(ScheduleTable table, SandboxStorage storage, BiFunction<ExecutionRequest, JobOrigin, JobHandle> execute,
                   JobCanceller cancel) {
        this.table = table;
        this.storage = storage;
        this.execute = execute;
        this.cancel = cancel;
    }

    @Override
    public Optional<Instant> fire(String scheduleId, Instant fireTime) {
        Optional<ScheduleTable.Row> found = table.find(scheduleId);
        if (found.isEmpty() || !found.get().draft().enabled() || found.get().draft().cron() == null) {
            return Optional.empty(); // deleted, paused or turned into an after-schedule meanwhile
        }
        ScheduleDraft draft = found.get().draft();
        CronPlan plan = CronPlan.parse(draft.cron(), draft.timezone());
        Instant now = Now.instant();
        boolean missed = now.isAfter(fireTime.plus(MISSED_AFTER));
        if (!table.firingKnown(scheduleId, fireTime)) {
            if (missed && draft.misfire() == ScheduleMisfire.SKIP) {
                skip(scheduleId, fireTime, "missed: no node fired it on time (misfire: skip)");
            } else if (missed && draft.deadline() != null && fireTime.plus(draft.deadline()).isBefore(now)) {
                skip(scheduleId, fireTime, "missed, and its deadline " + fireTime.plus(draft.deadline()) + " passed");
            } else {
                start(found.get(), fireTime);
            }
        }
        // the next one in turn, late or not; the ones already missed fold into this firing (run once)
        Optional<Instant> next = plan.nextAfter(fireTime);
        Instant missedBefore = now.minus(MISSED_AFTER);
        return next.isPresent() && next.get().isBefore(missedBefore) ? plan.nextAfter(missedBefore) : next;
    }

    /** Starts the schedule's job for a fire time, by its overlap rule; empty when it started none (and said why). */
    public Optional<JobHandle> start(ScheduleTable.Row schedule, Instant fireTime) {
        String scheduleId = schedule.id();
        ScheduleDraft draft = schedule.draft();
        var running = table.unfinishedJobs(scheduleId);
        if (!running.isEmpty()) {
            if (draft.overlap() == ScheduleOverlap.SKIP) {
                skip(scheduleId, fireTime, "the previous job " + running.get(running.size() - 1) + " still runs"
                        + " (overlap: skip)");
                return Optional.empty();
            }
            if (draft.overlap() == ScheduleOverlap.CANCEL_PREVIOUS) {
                running.forEach(this::cancelQuietly);
            }
        }
        Optional<Model> model = modelToRun(draft);
        if (model.isEmpty()) {
            skip(scheduleId, fireTime, "its model " + draft.modelId() + " is archived or gone: upload it again, or"
                    + " point the schedule at another model");
            return Optional.empty();
        }
        try {
            return Optional.of(execute.apply(request(model.get(), draft, fireTime),
                    JobOrigin.schedule(scheduleId, fireTime).withOwner(schedule.owner())));
        } catch (SandboxException e) {
            if (!table.firingKnown(scheduleId, fireTime)) {
                skip(scheduleId, fireTime, "its job could not start: " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** What the firing for {@code fireTime} runs, with this version of its model; its deadline counts from then. */
    public static ExecutionRequest request(Model model, ScheduleDraft draft, Instant fireTime) {
        ExecutionRequest request = new ExecutionRequest(model.id(), draft.config(), draft.dataSourceId(), null,
                draft.runtime(), draft.dataSources(), draft.publishAs());
        request = request.withPriority(draft.priority());
        return draft.deadline() == null ? request : request.withDeadline(fireTime.plus(draft.deadline()));
    }

    /** The model a firing runs: the newest active version of the file when following the latest, else the one given. */
    public Optional<Model> modelToRun(ScheduleDraft draft) {
        Optional<Model> given = storage.findModel(draft.modelId());
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (!draft.followLatest()) {
            return given.filter(m -> m.status() == ModelStatus.ACTIVE);
        }
        Model first = given.get();
        return storage.listModels(new ModelQuery(first.type(), ModelStatus.ACTIVE)).stream()
                .filter(m -> m.fileName().equals(first.fileName()))
                .max(Comparator.comparingInt(Model::version).thenComparing(Model::uploadedAt));
    }

    /** A job of some schedule succeeded: fire the schedules that run after it, for the time it ended. */
    @Override
    public void onCompleted(JobCompleted event) {
        if (event.status() != JobStatus.SUCCESS) {
            return;
        }
        afterJobs.execute(() -> {
            try {
                fireAfter(event.jobId());
            } catch (RuntimeException e) {
                LOG.error("Could not fire the schedules after job {}", event.jobId(), e);
            }
        });
    }

    private void fireAfter(String jobId) {
        Optional<Job> job = storage.findJob(jobId);
        if (job.isEmpty() || job.get().origin().scheduleId() == null || job.get().times().finishedAt() == null) {
            return;
        }
        Instant fireTime = job.get().times().finishedAt();
        for (ScheduleTable.Row next : table.runningAfter(job.get().origin().scheduleId())) {
            if (next.draft().enabled() && !table.firingKnown(next.id(), fireTime)) {
                start(next, fireTime);
            }
        }
    }

    private void skip(String scheduleId, Instant fireTime, String reason) {
        if (table.recordSkip(scheduleId, fireTime, reason, Now.instant())) {
            LOG.info("Schedule {} skipped its firing for {}: {}", scheduleId, fireTime, reason);
        }
    }

    private void cancelQuietly(String jobId) {
        try {
            cancel.cancel(jobId);
        } catch (SandboxException e) {
            LOG.debug("Job {} was not cancelled: {}", jobId, e.getMessage()); // it ended meanwhile
        }
    }

    @Override
    public void close() {
        afterJobs.shutdownNow();
    }
}
