package com.sandboxopt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GeneratedStreamTest {
    @Test
    void aGeneratedStreamHasItsLengthAndItsSeedsBytes() throws IOException {
        long length = 3 * 64 * 1024 + 7; // past its repeated block, and not a multiple of it
        byte[] read = new GeneratedStream(length, 1).readAllBytes();

        assertThat(read).hasSize((int) length);
        assertThat(new GeneratedStream(length, 1).readAllBytes()).isEqualTo(read);
        assertThat(new GeneratedStream(length, 2).readAllBytes()).isNotEqualTo(read);
        try (GeneratedStream one = new GeneratedStream(2, 1)) {
            assertThat(one.read()).isEqualTo(read[0] & 0xff);
            assertThat(one.read(new byte[8], 0, 8)).isEqualTo(1);
            assertThat(one.read()).isEqualTo(-1);
        }
    }
}
