package com.sandboxopt.server.api.wire;

import java.util.List;

/** Experiments, newest first. */
public record ExperimentsAnswer(boolean success, List<ExperimentJson> experiments) {
    public ExperimentsAnswer(List<ExperimentJson> experiments) {
        this(true, experiments);
    }
}
