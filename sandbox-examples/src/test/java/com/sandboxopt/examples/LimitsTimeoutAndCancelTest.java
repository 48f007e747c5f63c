package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTimeoutAndCancelTest {
    @Test
    void stopsOneRunawayByItsTimeLimitAndTheOtherByCancel() throws Exception {
        String out = Console.output(() -> assertThat(LimitsTimeoutAndCancel.run(new String[0])).isZero());

        assertThat(out).containsPattern("With limits: +SO_\\S+ ended timed_out after \\d+ ms: .*time limit of .*exceeded")
                .containsPattern("Cancelled: +SO_\\S+ ended cancelled after \\d+ ms: Cancelled by user");
    }
}
