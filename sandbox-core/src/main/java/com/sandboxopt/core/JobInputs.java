package com.sandboxopt.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job was started with.
 *
 * @param config       the config (JSON-like values); empty when none
 * @param dataSourceId the exact id of the data source it reads under {@code data/} (a name given at execute is
 *                     resolved to its version's id); null when none
 * @param dataSources  alias to the exact id of each data source it reads under {@code data/<alias>/}; empty when none
 * @param publishAs    the data source whose next version its {@code output/} becomes when it succeeds; null for none
 */
public record JobInputs(Map<String, Object> config, String dataSourceId, Map<String, String> dataSources,
                        String publishAs) {
    public JobInputs {
        config = config == null ? Map.of() : config;
        dataSources = dataSources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
    }

    /** Inputs whose output is published nowhere. */
    public JobInputs(Map<String, Object> config, String dataSourceId, Map<String, String> dataSources) {
        this(config, dataSourceId, dataSources, null);
    }

    /** A config and no data source. */
    public static JobInputs of(Map<String, Object> config) {
        return new JobInputs(config, null, Map.of());
    }
}
