package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SolveWithPulpTest {
    @Test
    void clearsTheMarketWithPulpAndPrintsAPricePerHour() throws Exception {
        String out = Console.output(() -> assertThat(SolveWithPulp.run(new String[] {
                "../models/pulp_dmo_market_clearing.py", "6"})).isZero());

        assertThat(out).containsPattern("Optimal, welfare -?[0-9,]+\\.\\d\\d EUR, accepted blocks \\[");
        assertThat(out.lines().filter(line -> line.matches("  hour +\\d+ +-?\\d+\\.\\d\\d EUR/MWh"))).hasSize(6);
    }
}
