package com.sandboxopt.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompareVersionsTest {
    @Test
    void theVariantKeepsTheWelfareOnEveryInputAndTheTableShowsWhatItCostsTheSearch() throws Exception {
        assertThat(Files.readString(Path.of("../models/sample_dmo_model.py"))).contains(CompareVersions.ORDER);
        String out = Console.output(() -> assertThat(CompareVersions.run(new String[] {"../models"})).isZero());

        assertThat(out).containsPattern("Experiment exp_\\S+: 12 runs")
                .containsPattern("bundled\\s+welfare\\s+[0-9.]+\\s+[0-9.]+\\s+0\\.00\\s+pass")
                .containsPattern("generated-7\\s+iterations\\s+[0-9.]+\\s+[0-9.]+\\s+-?[0-9.]+\\s+n/a")
                .containsPattern("generated-42\\s+duration_ms")
                .contains("passed: true, reproducible: true");
    }
}
