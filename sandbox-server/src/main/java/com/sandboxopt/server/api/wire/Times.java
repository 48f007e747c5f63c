package com.sandboxopt.server.api.wire;

import java.time.Instant;

/** Timestamps on the wire: ISO-8601 UTC, null when not yet. */
final class Times {
    private Times() {
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
