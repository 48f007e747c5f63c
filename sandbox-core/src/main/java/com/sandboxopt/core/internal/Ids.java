package com.sandboxopt.core.internal;

import com.sandboxopt.core.ModelType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Identifier formats of SPEC.md. */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code <TYPE>_<epochMillis>_<6 random [a-z0-9]>}, e.g. {@code DMO_1728399000000_abc123}. */
    public static String jobId(ModelType type, Instant at) {
        StringBuilder id = new StringBuilder(type.name()).append('_').append(at.toEpochMilli()).append('_');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** {@code <TYPE>_<epochMillis>_<originalFileName>}. */
    public static String storedModelName(ModelType type, Instant at, String fileName) {
        return type.name() + '_' + at.toEpochMilli() + '_' + fileName;
    }

    public static String modelId() {
        return UUID.randomUUID().toString();
    }
}
