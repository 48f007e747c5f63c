package com.sandboxopt.core;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A stored schedule as it stands now.
 *
 * @param definition  what it runs and when, as given
 * @param owner       who made it; null until the sandbox knows users
 * @param nextRuns    its next five fire times in its time zone; empty for a paused one and for one that runs after
 *                    another schedule
 * @param nextModelId the model version its next run takes (the newest active version when it follows the latest);
 *                    null when there is none to run
 * @param lastJob     the last job it started; null before the first
 * @param skipped     the firings it skipped lately, newest first
 */
public record Schedule(String id, ScheduleDraft definition, String owner, Instant createdAt, Instant updatedAt,
                       List<ZonedDateTime> nextRuns, String nextModelId, Job lastJob, List<ScheduleSkip> skipped) {
    public Schedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
        nextRuns = nextRuns == null ? List.of() : List.copyOf(nextRuns);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public String name() {
        return definition.name();
    }

    public boolean enabled() {
        return definition.enabled();
    }
}
