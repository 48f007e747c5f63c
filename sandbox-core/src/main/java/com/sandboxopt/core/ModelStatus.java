package com.sandboxopt.core;

import java.util.Locale;

/** Lifecycle of an uploaded model; an archived model keeps its jobs and logs. */
public enum ModelStatus {
    ACTIVE, ARCHIVED;

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code active} or {@code archived}, case-insensitively. */
    public static ModelStatus parse(String text) {
        for (ModelStatus status : values()) {
            if (status.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return status;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                "Unknown model status '" + text + "': use active or archived");
    }
}
