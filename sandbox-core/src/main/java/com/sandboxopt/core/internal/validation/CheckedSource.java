package com.sandboxopt.core.internal.validation;

/**
 * What a runtime's check of an uploaded source found, once it compiles.
 *
 * @param configDefaultsJson the model's {@code CONFIG_DEFAULTS} literal as JSON, or null when it has none (or one
 *                           built by code, which the check never runs)
 */
public record CheckedSource(String configDefaultsJson) {
    /** Cheaper than parsing twice: most models have no defaults. */
    public static boolean mayHaveDefaults(String source) {
        return source.contains("CONFIG_DEFAULTS");
    }
}
