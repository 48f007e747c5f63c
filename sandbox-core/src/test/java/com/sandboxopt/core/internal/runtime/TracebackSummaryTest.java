package com.sandboxopt.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TracebackSummaryTest {
    @Test
    void theErrorIsTheExceptionsFirstLineEvenWhenItsMessageHasSeveral() {
        String traceback = String.join("\n",
                "Traceback (most recent call last):",
                "  File \"m.py\", line 3, in <module>",
                "    prob.solve(pulp.getSolver('X'))",
                "pulp.apis.core.PulpSolverError: The solver X does not exist in PuLP.",
                "Possible options are: ",
                "dict_keys(['GLPK_CMD'])");

        assertThat(Tracebacks.summaryLine(traceback)).isEqualTo("pulp.apis.core.PulpSolverError: The solver X does not exist in PuLP.");
    }

    @Test
    void aSyntaxErrorIsNamedByItsLastLine() {
        String traceback = String.join("\n",
                "Traceback (most recent call last):",
                "  File \"m.py\", line 1, in <module>",
                "    exec('1 +')",
                "  File \"<string>\", line 1",
                "    1 +",
                "       ^",
                "SyntaxError: invalid syntax");

        assertThat(Tracebacks.summaryLine(traceback)).isEqualTo("SyntaxError: invalid syntax");
        assertThat(Tracebacks.summaryLine("ValueError: infeasible\n")).isEqualTo("ValueError: infeasible");
    }
}
