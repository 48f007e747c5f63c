package com.sandboxopt.core;

import java.util.Locale;

/**
 * Sizes as people read them, for the messages that refuse a file for its size. A size prints in the
 * largest binary unit it reaches with one decimal ({@code 11.0 MiB}, {@code 1.5 KiB}), a whole number of
 * units without one ({@code 10 MiB}), less than 1 KiB in bytes. When a size and its limit would print
 * as the same number ({@code 10.0 MiB} against {@code 10 MiB} for a file one byte over), both print in
 * exact bytes instead, the limit followed by its short form:
 * {@code 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)}.
 * <p>
 * Public so that a server in front of the library words its own size refusals (a request over its
 * limit, refused before the library sees it) as the library words a file's.
 */
public final class ByteSize {
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    /** {@code 512 bytes}, {@code 1 byte}, {@code 1.5 KiB}, {@code 10 MiB}, {@code 11.0 MiB}. */
    public static String describe(long bytes) {
        int unit = unitOf(bytes);
        if (unit == 0) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        long scale = 1L << (10 * unit);
        if (bytes % scale == 0) {
            return (bytes / scale) + " " + UNITS[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", bytes / (double) scale, UNITS[unit]);
    }

    /** Exact bytes with thousands separators: {@code 10,485,761 bytes}. */
    public static String exact(long bytes) {
        return String.format(Locale.ROOT, "%,d %s", bytes, bytes == 1 ? "byte" : "bytes");
    }

    /**
     * {@code <what> is <size>; the limit is <limit>}, in exact bytes when the two would otherwise print as
     * the same number: {@code big.py is 11.0 MiB; the limit is 10 MiB},
     * {@code big.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)}.
     */
    public static String overLimit(String what, long size, long limit) {
        if (tenths(size) == tenths(limit) && unitOf(size) == unitOf(limit)) {
            return what + " is " + exact(size) + "; the limit is " + exact(limit)
                    + (unitOf(limit) > 0 ? " (" + describe(limit) + ")" : "");
        }
        return what + " is " + describe(size) + "; the limit is " + describe(limit);
    }

    private static int unitOf(long bytes) {
        int unit = 0;
        while (unit < UNITS.length - 1 && bytes >= 1L << (10 * (unit + 1))) {
            unit++;
        }
        return unit;
    }

    /** The number {@link #describe} prints, in tenths of its unit. */
    private static long tenths(long bytes) {
        int unit = unitOf(bytes);
        return unit == 0 ? bytes * 10 : Math.round(bytes * 10.0 / (1L << (10 * unit)));
    }
}
