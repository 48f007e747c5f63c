package com.sandboxopt.server.api.wire;

/** The answer of an upload, a read, an archive or a restore of one model. */
public record ModelAnswer(boolean success, ModelJson model) {
    public ModelAnswer(ModelJson model) {
        this(true, model);
    }
}
