package com.sandboxopt.server.api.wire;

/** One data source version. */
public record DataSourceAnswer(boolean success, DataSourceJson dataSource) {
    public DataSourceAnswer(DataSourceJson dataSource) {
        this(true, dataSource);
    }
}
