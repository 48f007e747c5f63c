package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.sandboxopt.core.Model;

import java.util.Map;

/** A stored model version. */
public record ModelJson(String id,
                        @JsonProperty("model_name") String modelName,
                        @JsonProperty("model_type") String modelType,
                        String status,
                        String description,
                        @JsonProperty("file_name") String fileName,
                        @JsonProperty("size_bytes") long sizeBytes,
                        @JsonProperty("uploaded_at") String uploadedAt,
                        String runtime,
                        @JsonProperty("runtime_reason") String runtimeReason,
                        int version,
                        @JsonProperty("config_defaults") Map<String, Object> configDefaults,
                        String owner) {

    public static ModelJson of(Model model) {
        return new ModelJson(model.id(), model.name(), model.type().name(), model.status().wireName(),
                model.description(), model.fileName(), model.sizeBytes(), Times.iso(model.uploadedAt()),
                model.runtime().wireName(), model.runtimeReason(), model.version(), model.configDefaults(),
                model.owner());
    }
}
