package com.sandboxopt.core;

/** Filter for listing models; a null field matches everything. */
public record ModelQuery(ModelType type, ModelStatus status) {
    public static ModelQuery all() {
        return new ModelQuery(null, null);
    }
}
