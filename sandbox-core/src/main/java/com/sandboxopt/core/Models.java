package com.sandboxopt.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models of a sandbox ({@link Sandbox#models()}): upload, read, archive and restore them. */
public interface Models {

    /**
     * Validates and stores a model. Nothing is stored when a check fails.
     *
     * @throws ModelValidationException naming what to fix (for a syntax error, with line and column)
     * @throws SandboxException          RUNTIME_UNAVAILABLE when the runtime asked for cannot run here
     */
    Model upload(ModelUpload upload);

    /** @throws SandboxException with {@link ErrorCode#MODEL_NOT_FOUND} */
    Model get(String id);

    Optional<Model> find(String id);

    /** Models matching the query (all when null), newest upload first. */
    List<Model> list(ModelQuery query);

    /** Number of models per type, every type present; {@code status} null counts all. */
    Map<ModelType, Long> counts(ModelStatus status);

    /** The model's Python source text. */
    String source(String id);

    /** Archives a model: it can no longer run; it, its jobs and their logs stay readable. */
    Model archive(String id);

    /** Makes an archived model active again (the undo of {@link #archive}); an active one stays as it is. */
    Model restore(String id);
}
