package com.sandboxopt.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input every model version of an experiment runs on: a data source (id or name), data sources by alias, and/or
 * a config.
 *
 * @param name         what the summary calls it (unique within the experiment)
 * @param dataSourceId a data source id, or a name for its latest version when the experiment starts; may be null
 * @param dataSources  alias to id or name, each under {@code data/<alias>/}; empty when none
 * @param config       the config of each run; empty for the model's defaults
 */
public record ExperimentInput(String name, String dataSourceId, Map<String, String> dataSources,
                              Map<String, Object> config) {
    public ExperimentInput {
        if (name == null || name.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Each input needs a name");
        }
        name = name.strip();
        dataSourceId = dataSourceId == null || dataSourceId.isBlank() ? null : dataSourceId.strip();
        dataSources = dataSources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
        config = config == null ? Map.of() : config;
    }

    /** An input of one data source, by id or name. */
    public static ExperimentInput of(String name, String dataSourceId) {
        return new ExperimentInput(name, dataSourceId, null, null);
    }
}
