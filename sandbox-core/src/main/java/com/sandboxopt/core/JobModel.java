package com.sandboxopt.core;

import java.util.Objects;

/**
 * The model a job runs, as it was when the job was accepted: the job keeps its own copy of the name and type, so it
 * reads the same after the model is archived.
 *
 * @param id   the model's id
 * @param name the model's stored name
 * @param type the model's type
 */
public record JobModel(String id, String name, ModelType type) {
    public JobModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** What a job that runs {@code model} records of it. */
    public static JobModel of(Model model) {
        return new JobModel(model.id(), model.name(), model.type());
    }
}
