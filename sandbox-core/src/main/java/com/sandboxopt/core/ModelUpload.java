package com.sandboxopt.core;

/**
 * A model file to validate and store.
 *
 * @param fileName    the name the user gave the file; any directory part is dropped
 * @param content     the raw bytes, which must be UTF-8 Python source
 * @param type        model type
 * @param description optional free text
 */
public record ModelUpload(String fileName, byte[] content, ModelType type, String description) {
    public static ModelUpload of(String fileName, byte[] content, ModelType type) {
        return new ModelUpload(fileName, content, type, "");
    }
}
