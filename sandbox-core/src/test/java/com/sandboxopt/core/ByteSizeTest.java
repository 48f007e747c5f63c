package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void sizesPrintInTheirLargestUnitWholeOnesWithoutADecimal() {
        assertThat(ByteSize.describe(0)).isEqualTo("0 bytes");
        assertThat(ByteSize.describe(1)).isEqualTo("1 byte");
        assertThat(ByteSize.describe(1023)).isEqualTo("1023 bytes");
        assertThat(ByteSize.describe(1024)).isEqualTo("1 KiB");
        assertThat(ByteSize.describe(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.describe(10 * MIB)).isEqualTo("10 MiB");
        assertThat(ByteSize.describe(11 * MIB + 5)).isEqualTo("11.0 MiB");
        assertThat(ByteSize.describe(100 * MIB + MIB / 2)).isEqualTo("100.5 MiB");
        assertThat(ByteSize.describe(4096 * MIB)).isEqualTo("4 GiB");
        assertThat(ByteSize.exact(10 * MIB + 1)).isEqualTo("10,485,761 bytes");
        assertThat(ByteSize.exact(1)).isEqualTo("1 byte");
    }

    @Test
    void aSizeAndItsLimitNeverPrintAsTheSameNumber() {
        assertThat(ByteSize.overLimit("big.py", 11 * MIB + 5, 10 * MIB)).isEqualTo("big.py is 11.0 MiB; the limit is 10 MiB");
        assertThat(ByteSize.overLimit("big.py", 10 * MIB + 1, 10 * MIB))
                .isEqualTo("big.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)");
        assertThat(ByteSize.overLimit("big.py", 10 * MIB + 50_000, 10 * MIB)).as("10.0477 MiB rounds to 10.0")
                .isEqualTo("big.py is 10,535,760 bytes; the limit is 10,485,760 bytes (10 MiB)");
        assertThat(ByteSize.overLimit("big.py", 10 * MIB + 60_000, 10 * MIB)).as("10.057 MiB rounds to 10.1")
                .isEqualTo("big.py is 10.1 MiB; the limit is 10 MiB");
        assertThat(ByteSize.overLimit("a.csv", 1025, 1024)).isEqualTo("a.csv is 1,025 bytes; the limit is 1,024 bytes (1 KiB)");
        assertThat(ByteSize.overLimit("a.csv", 1000, 999)).isEqualTo("a.csv is 1000 bytes; the limit is 999 bytes");
        for (long limit : new long[] {1000, 1024, 10 * MIB, 100 * MIB, 3 * MIB + 7}) {
            for (long size = limit + 1; size < limit + 2 * MIB; size += 997) {
                String message = ByteSize.overLimit("f", size, limit);
                String shownSize = message.substring("f is ".length(), message.indexOf(';'));
                String shownLimit = message.substring(message.indexOf("limit is ") + 9).replaceAll(" \\(.*\\)$", "");
                String[] a = shownSize.split(" ");
                String[] b = shownLimit.split(" ");
                boolean sameNumber = a[1].equals(b[1])
                        && Double.parseDouble(a[0].replace(",", "")) == Double.parseDouble(b[0].replace(",", ""));
                assertThat(sameNumber).as(message).isFalse();
            }
        }
    }
}
