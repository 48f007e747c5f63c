package com.sandboxopt.core;

import java.util.Map;

/**
 * A model file to validate and store.
 *
 * @param fileName    the name the user gave the file; any directory part is dropped
 * @param content     the raw bytes, which must be UTF-8 Python source
 * @param type        model type
 * @param description optional free text
 * @param runtime     where its jobs run; {@link RuntimeKind#AUTO} lets the sandbox choose from its imports, null
 *                    means the sandbox's {@link SandboxBuilder#defaultRuntime default}
 * @param configDefaults the config a run of it starts from; null takes the model's own {@code CONFIG_DEFAULTS}
 *                    (a literal dict at the top level of the file), if any
 * @param owner       the user uploading it; null without users
 */
public record ModelUpload(String fileName, byte[] content, ModelType type, String description, RuntimeKind runtime,
                          Map<String, Object> configDefaults, String owner) {
    public ModelUpload(String fileName, byte[] content, ModelType type, String description, RuntimeKind runtime,
                       Map<String, Object> configDefaults) {
        this(fileName, content, type, description, runtime, configDefaults, null);
    }

    public ModelUpload(String fileName, byte[] content, ModelType type, String description, RuntimeKind runtime) {
        this(fileName, content, type, description, runtime, null);
    }

    public ModelUpload(String fileName, byte[] content, ModelType type, String description) {
        this(fileName, content, type, description, null);
    }

    public static ModelUpload of(String fileName, byte[] content, ModelType type) {
        return new ModelUpload(fileName, content, type, "");
    }

    public ModelUpload withRuntime(RuntimeKind kind) {
        return new ModelUpload(fileName, content, type, description, kind, configDefaults, owner);
    }

    public ModelUpload withConfigDefaults(Map<String, Object> defaults) {
        return new ModelUpload(fileName, content, type, description, runtime, defaults, owner);
    }

    public ModelUpload withOwner(String username) {
        return new ModelUpload(fileName, content, type, description, runtime, configDefaults, username);
    }
}
