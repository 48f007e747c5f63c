package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainedRunsTest {
    @Test
    void theDayAheadRealTimeAndSystemModelsRunInTurnEachReadingTheOutputOfTheOneBefore() throws Exception {
        String out = Console.output(() -> assertThat(ChainedRuns.run(new String[] {"../models"})).isZero());

        assertThat(out).containsPattern("Schedules: day-ahead next at \\S+\\+0[12]:00\\[Europe/Berlin\\]")
                .containsPattern("day-ahead  (DMO_\\S+) success, read dmo-system v1, produced dmo-results v1")
                .containsPattern("real-time  RMO_\\S+ success, read rmo-system v1 and dmo-results v1 \\(from DMO_\\S+\\)"
                        + " as data/upstream, produced rmo-results v1")
                .containsPattern("system     SO_\\S+ success, read so-system v1 and rmo-results v1 \\(from RMO_\\S+\\)"
                        + " as data/upstream");
    }
}
