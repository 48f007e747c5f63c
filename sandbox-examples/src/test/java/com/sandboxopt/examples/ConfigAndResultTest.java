package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigAndResultTest {
    @Test
    void passesTheHoursAndPrintsTotalCostBreakdownAndOneLinePerHour() throws Exception {
        String out = Console.output(() -> assertThat(ConfigAndResult.run(new String[] {
                "../models/sample_so_model.py", "3"})).isZero());

        assertThat(out).containsPattern("Total cost: [0-9,]+\\.\\d\\d \\$ with \\d+ start-ups")
                .contains("energy", "noLoad", "startup", "unservedEnergy", "reserveShortfall");
        assertThat(out.lines().filter(line -> line.matches("  hour +\\d+  load +\\d+ MW  online [01]{4}")))
                .hasSize(3);
    }
}
