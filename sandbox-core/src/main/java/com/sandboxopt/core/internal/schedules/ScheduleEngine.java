package com.sandboxopt.core.internal.schedules;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The scheduling engine (db-scheduler): one row per enabled schedule in {@code scheduled_tasks}, holding its next fire
 * time; whichever node takes a due row fires it, and a row whose node stopped mid-firing is taken up by another. The
 * row's data is the fire time it stands for, so a firing taken up again is the same firing (and the job table's unique
 * key then refuses a second job).
 */
public final class ScheduleEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleEngine.class);
    static final String TASK = "sandbox-schedule";
    /** How often each node looks for due firings: what a firing may be late by, at most, on a quiet machine. */
    static final Duration POLLING = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofMinutes(1);

    /** Fires a schedule for one fire time, returning its next fire time (empty: no more, e.g. paused or deleted). */
    @FunctionalInterface
    public interface Firing {
        Optional<Instant> fire(String scheduleId, Instant fireTime);
    }

    private final CustomTask<Long> task;
    private final Scheduler scheduler;

    public ScheduleEngine(DataSource dataSource, String nodeName, Firing firing) {
        this.task = Tasks.custom(TASK, Long.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    Long data = instance.getData();
                    Instant fireTime = data != null ? Instant.ofEpochMilli(data)
                            : context.getExecution().getExecutionTime();
                    Optional<Instant> next;
                    try {
                        next = firing.fire(instance.getId(), fireTime);
                    } catch (RuntimeException e) {
                        // the same firing again in a while (by then a missed one): a database that failed may be back
                        LOG.error("Schedule {} could not fire for {}; trying again in {}", instance.getId(), fireTime,
                                RETRY, e);
                        Instant retry = Instant.now().plus(RETRY);
                        return (complete, operations) -> operations.reschedule(complete, retry, fireTime.toEpochMilli());
                    }
                    return (complete, operations) -> next.ifPresentOrElse(
                            at -> operations.reschedule(complete, at, at.toEpochMilli()), operations::remove);
                });
        this.scheduler = Scheduler.create(dataSource, task)
                .schedulerName(new SchedulerName.Fixed(nodeName))
                .threads(2)
                .pollingInterval(POLLING)
                // a node that stops mid-firing is found out in about 4 s, well before its firing counts as missed
                .heartbeatInterval(Duration.ofSeconds(1))
                .missedHeartbeatsLimit(4)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC() // the columns keep their zone anyway; this also keeps H2 from a warning
                .build();
    }

    public void start() {
        scheduler.start();
    }

    /** The schedule fires next at {@code at} (replacing the time it had). */
    public void arm(String scheduleId, Instant at) {
        TaskInstanceId id = TaskInstanceId.of(TASK, scheduleId);
        if (scheduler.getScheduledExecution(id).isPresent()) {
            scheduler.reschedule(id, at, at.toEpochMilli());
        } else {
            scheduler.schedule(task.instance(scheduleId, at.toEpochMilli()), at);
        }
    }

    /** The schedule fires no more (until armed again); a firing under way ends as it would. */
    public void disarm(String scheduleId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, scheduleId);
        try {
            if (scheduler.getScheduledExecution(id).isPresent()) {
                scheduler.cancel(id);
            }
        } catch (RuntimeException e) {
            // a firing under way: its end removes the row, since the schedule is no longer enabled
            LOG.debug("Schedule {} could not be disarmed now: {}", scheduleId, e.getMessage());
        }
    }

    /** When the schedule fires next, as the engine holds it. */
    public Optional<Instant> armedAt(String scheduleId) {
        return scheduler.getScheduledExecution(TaskInstanceId.of(TASK, scheduleId)).map(e -> e.getExecutionTime());
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
