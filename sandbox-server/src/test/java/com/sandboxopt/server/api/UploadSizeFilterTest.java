package com.sandboxopt.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.server.config.ServerDefaults;
import org.junit.jupiter.api.Test;

/** How much of a refused upload is read before its 413. */
class UploadSizeFilterTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aRefusedUploadIsReadUpToFourTimesItsLimitAtMostTheCap() {
        assertThat(ServerDefaults.drainLimitOf(11 * MIB, 256 * MIB)).isEqualTo(44 * MIB);
        assertThat(ServerDefaults.drainLimitOf(101 * MIB, 256 * MIB)).isEqualTo(256 * MIB);
        assertThat(ServerDefaults.drainLimitOf(300 * MIB, 256 * MIB)).as("never below the limit itself").isEqualTo(300 * MIB);
        assertThat(ServerDefaults.drainLimitOf(11 * MIB, 0)).as("0 turns draining off").isEqualTo(11 * MIB);
        assertThat(ServerDefaults.drainLimitOf(Long.MAX_VALUE / 2, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
