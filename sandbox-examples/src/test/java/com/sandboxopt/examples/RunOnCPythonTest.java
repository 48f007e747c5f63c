package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunOnCPythonTest {
    @Test
    void autoPicksCPythonForTheScipyModelAndPrintsItsLogAndAPricePerHour() throws Exception {
        String out = Console.output(() -> assertThat(RunOnCPython.run(new String[] {
                "../models/scipy_economic_dispatch.py", "6"})).isZero());

        assertThat(out).contains("Runtime available: CPython")
                .containsPattern("runs on cpython \\(auto: CPython [^)]*it imports [^)]*numpy[^)]*which GraalPy cannot provide")
                .containsPattern("Job DMO_\\S+ on cpython, log:")
                .contains("INFO    Objective value: ")
                .containsPattern("ended success: Optimization terminated successfully\\. .*, cost [0-9,]+\\.\\d\\d EUR");
        assertThat(out.lines().filter(line -> line.matches("  hour +\\d+ +-?\\d+\\.\\d\\d EUR/MWh  \\S+"))).hasSize(6);
    }
}
