package com.sandboxopt.core.internal.util;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time of what is stored and sent (a line, a start, an end), to the microsecond: PostgreSQL keeps timestamps
 * to the microsecond, so an event's time equals the stored one on every storage.
 */
public final class Now {
    private Now() {
    }

    public static Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
