package com.sandboxopt.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a job was accepted, started and ended.
 *
 * @param createdAt  when it was accepted
 * @param startedAt  when it started running; null while queued
 * @param finishedAt when it ended; null until then
 */
public record JobTimes(Instant createdAt, Instant startedAt, Instant finishedAt) {
    public JobTimes {
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A job accepted at {@code createdAt} that has not started yet. */
    public static JobTimes acceptedAt(Instant createdAt) {
        return new JobTimes(createdAt, null, null);
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
