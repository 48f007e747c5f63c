package com.sandboxopt.core;

import java.util.Locale;

/** An archived data source stays readable (jobs that used it still name it) but no new job may use it. */
public enum DataSourceStatus {
    ACTIVE, ARCHIVED;

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code active} or {@code archived}, case-insensitively. */
    public static DataSourceStatus parse(String text) {
        for (DataSourceStatus status : values()) {
            if (status.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return status;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                "Unknown data source status '" + text + "': use active or archived");
    }
}
