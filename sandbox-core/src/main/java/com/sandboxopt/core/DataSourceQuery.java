package com.sandboxopt.core;

/** Filter for listing data sources; a null field matches everything. */
public record DataSourceQuery(String name, DataSourceStatus status) {
    public static DataSourceQuery all() {
        return new DataSourceQuery(null, null);
    }

    /** Every version stored under one name, newest first. */
    public static DataSourceQuery versionsOf(String name) {
        return new DataSourceQuery(name, null);
    }
}
