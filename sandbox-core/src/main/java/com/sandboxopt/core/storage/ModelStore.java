package com.sandboxopt.core.storage;

import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where models and their source texts are kept. Thread-safe; failures are {@code STORAGE_FAILURE}. */
public interface ModelStore {

    /** Stores a new model with its source text. */
    void insertModel(Model model, String source);

    Optional<Model> findModel(String id);

    Optional<String> findModelSource(String id);

    /** Models matching the query, newest upload first. */
    List<Model> listModels(ModelQuery query);

    /** Number of models per type (every type present, zero when none), of one status or all when null. */
    Map<ModelType, Long> countModels(ModelStatus status);

    /** Sets a model's status; returns false when there is no such model. */
    boolean updateModelStatus(String id, ModelStatus status);

    /** The highest version stored for this file name and type (archived ones count); 0 when none. */
    int latestModelVersion(ModelType type, String fileName);
}
