package com.sandboxopt.server.api.wire;

import java.util.List;
import java.util.Map;

/** Models, with the number of models per type. */
public record ModelsAnswer(boolean success, List<ModelJson> models, Map<String, Long> counts) {
    public ModelsAnswer(List<ModelJson> models, Map<String, Long> counts) {
        this(true, models, counts);
    }
}
