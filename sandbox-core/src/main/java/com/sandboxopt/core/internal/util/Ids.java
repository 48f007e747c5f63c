package com.sandboxopt.core.internal.util;

import com.sandboxopt.core.ModelType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Identifier formats of the API (docs/API.md). */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code <TYPE>_<epochMillis>_<6 random [a-z0-9]>}, e.g. {@code DMO_1728399000000_abc123}. */
    public static String jobId(ModelType type, Instant at) {
        return timed(type.name(), at);
    }

    /** {@code ds_<epochMillis>_<6 random [a-z0-9]>}, e.g. {@code ds_1733000000000_x1y2z3}. */
    public static String dataSourceId(Instant at) {
        return timed("ds", at);
    }

    /** {@code sch_<epochMillis>_<6 random [a-z0-9]>}, e.g. {@code sch_1733000000000_x1y2z3}. */
    public static String scheduleId(Instant at) {
        return timed("sch", at);
    }

    public static String experimentId(Instant at) {
        return timed("exp", at);
    }

    /** Whether a text has the form of a data source id (so that no name may take it). */
    public static boolean looksLikeDataSourceId(String text) {
        return text.matches("ds_[0-9]+_[a-z0-9]{6}");
    }

    private static String timed(String prefix, Instant at) {
        StringBuilder id = new StringBuilder(prefix).append('_').append(at.toEpochMilli()).append('_');
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
