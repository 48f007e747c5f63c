package com.sandboxopt.core.internal.solving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveRequest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemReaderTest {
    private static final Set<String> BACKENDS = Set.of("cbc", "highs");

    private static SolveRequest read(String json, long maxSize) {
        return ProblemReader.read(json, maxSize, BACKENDS, "cbc");
    }

    @Test
    void sectionsMayComeInAnyOrderAndBoundsDefaultToZeroAndInfinity() {
        SolveRequest request = read("""
                {"constraints": {"c": {"coefficients": {"y": 2, "x": 1}, "sense": "<=", "rhs": 4},
                                 "r": {"coefficients": {"x": 1}, "lower": 1}},
                 "objective": {"y": 3},
                 "sense": "maximize",
                 "variables": {"x": {}, "y": {"lower": null, "upper": 5, "integer": true}},
                 "options": {"solver": "HiGHS", "msg": 0, "timeLimit": 2.5, "gapRel": 0.01, "mip": false, "threads": 2}}
                """, 100);

        LinearProblem problem = request.problem();
        assertThat(problem.maximize()).isTrue();
        assertThat(problem.variables()).extracting(LinearProblem.Variable::name).containsExactly("y", "x");
        assertThat(problem.variables().get(0)).isEqualTo(new LinearProblem.Variable("y", Double.NEGATIVE_INFINITY, 5, true, 3));
        assertThat(problem.variables().get(1)).isEqualTo(new LinearProblem.Variable("x", 0, Double.POSITIVE_INFINITY, false, 0));
        assertThat(problem.constraints().get(0).upper()).isEqualTo(4);
        assertThat(problem.constraints().get(0).lower()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(problem.constraints().get(1).lower()).isEqualTo(1);
        assertThat(request.options().backend()).isEqualTo("highs");
        assertThat(request.options().log()).isFalse();
        assertThat(request.options().timeLimit()).isEqualTo(Duration.ofMillis(2500));
        assertThat(request.options().relativeGap()).isEqualTo(0.01);
        assertThat(request.options().relaxIntegers()).isTrue();
        assertThat(request.options().threads()).isEqualTo(2);
        assertThat(problem.size()).isEqualTo(2 + 2 + 3);
    }

    @Test
    void aVariableNamedTwiceInOneConstraintGetsTheSumOfItsCoefficients() {
        LinearProblem problem = read("""
                {"variables": {"x": {}, "y": {}},
                 "constraints": {"c": {"coefficients": {"x": 1, "y": 2}, "sense": "==", "rhs": 1}}}
                """.replace("\"y\": 2}", "\"y\": 2, \"x\": 3}"), 100).problem();

        LinearProblem.Constraint row = problem.constraints().get(0);
        assertThat(row.variables()).containsExactly(0, 1);
        assertThat(row.coefficients()).containsExactly(4.0, 2.0);
        assertThat(row.lower()).isEqualTo(1);
        assertThat(row.upper()).isEqualTo(1);
    }

    @Test
    void aProblemOverTheSizeLimitIsRefusedWhileItIsRead() {
        StringBuilder huge = new StringBuilder("{\"variables\": {");
        for (int i = 0; i < 1000; i++) {
            huge.append(i == 0 ? "" : ", ").append("\"x").append(i).append("\": {}");
        }
        huge.append("}}");

        assertThatThrownBy(() -> read(huge.toString(), 500)).isInstanceOf(ProblemException.class)
                .hasMessage("sandbox.solve: the problem is too large: more than 500 variables + constraints + nonzero "
                        + "coefficients (Limits.maxProblemSize)");
    }

    @Test
    void brokenInputNamesWhatToFix() {
        assertThatThrownBy(() -> read("{\"variables\": ", 10)).hasMessageStartingWith("sandbox.solve: the problem is not valid JSON");
        assertThatThrownBy(() -> read("{\"sense\": \"up\"}", 10)).hasMessageContaining("sense must be 'minimize' or 'maximize'");
        assertThatThrownBy(() -> read("{\"variables\": {\"x\": {}, \"x\": {}}}", 10)).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> read("{\"variables\": {\"x\": {}}, \"options\": {\"timeLimit\": -1}}", 10))
                .hasMessageContaining("timeLimit must be a positive number of seconds");
        assertThatThrownBy(() -> read("{\"variables\": {\"x\": {}}, \"constraints\": {\"c\": {\"coefficients\": {\"x\": NaN}, "
                + "\"upper\": 1}}}", 10)).hasMessageContaining("is NaN");
    }
}
