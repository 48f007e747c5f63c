package com.sandboxopt.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.internal.validation.ByteSizes;
import com.sandboxopt.server.config.ServerDefaults;
import org.junit.jupiter.api.Test;

/** The server prints sizes as the library does (it keeps its own copy: the library's internals are not its API). */
class UploadSizeFilterTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void sizesPrintAsTheLibraryPrintsThem() {
        long[] limits = {1, 999, 1024, 1536, MIB, 10 * MIB, 100 * MIB + 7, 256 * MIB, 4096 * MIB};
        for (long limit : limits) {
            for (long size : new long[] {limit, limit + 1, limit + 1023, limit + 50_000, limit + 60_000, limit + MIB,
                    2 * limit + 3, 11 * limit / 10}) {
                assertThat(UploadSizeFilter.overLimit("f", size, limit)).isEqualTo(ByteSizes.overLimit("f", size, limit));
                assertThat(UploadSizeFilter.size(size)).isEqualTo(ByteSizes.of(size));
            }
        }
        assertThat(UploadSizeFilter.overLimit("big.py", 10 * MIB + 1, 10 * MIB))
                .isEqualTo("big.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)");
    }

    @Test
    void aRefusedUploadIsReadUpToFourTimesItsLimitAtMostTheCap() {
        assertThat(ServerDefaults.drainLimitOf(11 * MIB, 256 * MIB)).isEqualTo(44 * MIB);
        assertThat(ServerDefaults.drainLimitOf(101 * MIB, 256 * MIB)).isEqualTo(256 * MIB);
        assertThat(ServerDefaults.drainLimitOf(300 * MIB, 256 * MIB)).as("never below the limit itself").isEqualTo(300 * MIB);
        assertThat(ServerDefaults.drainLimitOf(11 * MIB, 0)).as("0 turns draining off").isEqualTo(11 * MIB);
        assertThat(ServerDefaults.drainLimitOf(Long.MAX_VALUE / 2, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
