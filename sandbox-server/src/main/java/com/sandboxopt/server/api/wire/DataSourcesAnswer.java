package com.sandboxopt.server.api.wire;

import java.util.List;

/** Data source versions, newest first. */
public record DataSourcesAnswer(boolean success, List<DataSourceJson> dataSources) {
    public DataSourcesAnswer(List<DataSourceJson> dataSources) {
        this(true, dataSources);
    }
}
