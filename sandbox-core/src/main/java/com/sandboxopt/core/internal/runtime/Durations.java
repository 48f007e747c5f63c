package com.sandboxopt.core.internal.runtime;

import java.time.Duration;

/** Durations as people write them in limits: 10m, 30s, 1.5s, 250ms. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return (ms / 60_000) + "m";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        if (ms >= 1000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return ms + "ms";
    }
}
