package com.sandboxopt.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a job was accepted, started and ended, and by when it must end.
 *
 * @param createdAt  when it was accepted
 * @param startedAt  when it started running; null while queued
 * @param finishedAt when it ended; null until then
 * @param deadline   when it must have ended ({@link ExecutionRequest#withDeadline}); null when it has none
 */
public record JobTimes(Instant createdAt, Instant startedAt, Instant finishedAt, Instant deadline) {
    public JobTimes {
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A job accepted at {@code createdAt}, without a deadline, that has not started yet. */
    public static JobTimes acceptedAt(Instant createdAt) {
        return acceptedAt(createdAt, null);
    }

    /** A job accepted at {@code createdAt} that must end by {@code deadline} (null: no deadline) and has not started yet. */
    public static JobTimes acceptedAt(Instant createdAt, Instant deadline) {
        return new JobTimes(createdAt, null, null, deadline);
    }

    /** Run time from start to end (or to now while running); empty while queued. */
    public Optional<Duration> duration() {
        if (startedAt == null) {
            return Optional.empty();
        }
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        return Optional.of(Duration.between(startedAt, end));
    }
}
