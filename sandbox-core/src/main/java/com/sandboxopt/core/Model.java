package com.sandboxopt.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An uploaded model.
 *
 * @param id           stable identifier used by execute and the API
 * @param name         stored name {@code <TYPE>_<epochMillis>_<fileName>}
 * @param fileName     the uploaded file's base name
 * @param type         model type
 * @param status       active or archived
 * @param description  free text given at upload, possibly empty
 * @param sizeBytes    size of the source in bytes
 * @param uploadedAt   when it was stored
 * @param runtime      where its jobs run: {@link RuntimeKind#GRAALPY} or {@link RuntimeKind#CPYTHON}, never AUTO
 * @param runtimeReason why that runtime: asked for at upload, or what {@code auto} saw in the imports
 * @param version      1 for the first upload of its file name and type, then 2, 3, ... (archived ones count)
 * @param configDefaults the config a run starts from: given at upload, else the model's {@code CONFIG_DEFAULTS}
 *                     literal dict; empty when neither (JSON-like values)
 * @param owner        the user who uploaded it; null when uploaded without users (security off, or a program)
 */
public record Model(String id, String name, String fileName, ModelType type, ModelStatus status,
                    String description, long sizeBytes, Instant uploadedAt, RuntimeKind runtime,
                    String runtimeReason, int version, Map<String, Object> configDefaults, String owner) {
    public Model {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        description = description == null ? "" : description;
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        runtime = runtime == null || runtime == RuntimeKind.AUTO ? RuntimeKind.GRAALPY : runtime;
        runtimeReason = runtimeReason == null ? "" : runtimeReason;
        version = Math.max(1, version);
        configDefaults = configDefaults == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(configDefaults));
    }

    /** A model uploaded without users. */
    public Model(String id, String name, String fileName, ModelType type, ModelStatus status,
                 String description, long sizeBytes, Instant uploadedAt, RuntimeKind runtime,
                 String runtimeReason, int version, Map<String, Object> configDefaults) {
        this(id, name, fileName, type, status, description, sizeBytes, uploadedAt, runtime, runtimeReason, version,
                configDefaults, null);
    }

    /** The first version of its file name, without config defaults. */
    public Model(String id, String name, String fileName, ModelType type, ModelStatus status,
                 String description, long sizeBytes, Instant uploadedAt, RuntimeKind runtime, String runtimeReason) {
        this(id, name, fileName, type, status, description, sizeBytes, uploadedAt, runtime, runtimeReason, 1, Map.of());
    }

    /** A model that runs on GraalPy. */
    public Model(String id, String name, String fileName, ModelType type, ModelStatus status,
                 String description, long sizeBytes, Instant uploadedAt) {
        this(id, name, fileName, type, status, description, sizeBytes, uploadedAt, RuntimeKind.GRAALPY, "");
    }

    public Model withStatus(ModelStatus newStatus) {
        return new Model(id, name, fileName, type, newStatus, description, sizeBytes, uploadedAt, runtime, runtimeReason,
                version, configDefaults, owner);
    }
}
