package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateClosureTest {
    @Test
    void aMipThatWouldRunLongerThanItsDeadlineEndsSuccessBeforeItWithTheBestSolutionFound() throws Exception {
        String out = Console.output(() -> assertThat(GateClosure.run(new String[] {
                "../models/pulp_dmo_market_clearing.py", "350"})).isZero());

        assertThat(out).containsPattern("Job DMO_\\S+ ended success (\\d+\\.\\d) s after its fire time")
                .containsPattern("WARNING Solve cut to \\d+(\\.\\d+)? s for the job's deadline")
                .contains("prices.csv");
        double seconds = Double.parseDouble(out.replaceAll("(?s).*ended success (\\d+\\.\\d) s after.*", "$1"));
        assertThat(seconds).isLessThan(GateClosure.DEADLINE.toSeconds());
    }
}
