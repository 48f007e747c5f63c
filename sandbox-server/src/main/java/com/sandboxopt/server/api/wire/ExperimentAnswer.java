package com.sandboxopt.server.api.wire;

/** The answer of creating, reading or cancelling one experiment. */
public record ExperimentAnswer(boolean success, ExperimentJson experiment) {
    public ExperimentAnswer(ExperimentJson experiment) {
        this(true, experiment);
    }
}
