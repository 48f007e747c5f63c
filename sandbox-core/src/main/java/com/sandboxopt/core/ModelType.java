package com.sandboxopt.core;

import java.util.Locale;

/** The kind of optimization a model performs. */
public enum ModelType {
    /** Day-ahead market optimization. */
    DMO,
    /** Real-time market optimization. */
    RMO,
    /** System optimization. */
    SO;

    /**
     * Parses a model type case-insensitively.
     *
     * @throws SandboxException with {@link ErrorCode#INVALID_ARGUMENT} naming the accepted values
     */
    public static ModelType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelType is required: one of DMO, RMO, SO");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "Unknown modelType '" + text + "': use one of DMO, RMO, SO");
        }
    }
}
