package com.sandboxopt.core.solver;

import java.time.Duration;
import java.util.Objects;

/**
 * What a solve found. Arrays are indexed like the problem's variables and constraints; they are
 * null when the backend has no such values (no solution; duals and reduced costs of a MIP).
 *
 * @param message      what the backend said, e.g. why it failed; may be null
 * @param objective    the objective of the solution (NaN without one)
 * @param bestBound    the best bound proven (for a MIP; equal to the objective for an LP; NaN when unknown)
 * @param solveTime    wall time of the solve itself
 * @param cpuTime      CPU time the solve used on every thread
 */
public record SolveResult(SolveStatus status, String message, double objective, double bestBound, double[] values,
                          double[] reducedCosts, double[] duals, Duration solveTime, Duration cpuTime) {
    public SolveResult {
        Objects.requireNonNull(status, "status");
        solveTime = solveTime == null ? Duration.ZERO : solveTime;
        cpuTime = cpuTime == null ? Duration.ZERO : cpuTime;
    }

    /** A result without a solution, e.g. an error before the backend ran. */
    public static SolveResult withoutSolution(SolveStatus status, String message) {
        return new SolveResult(status, message, Double.NaN, Double.NaN, null, null, null, Duration.ZERO, Duration.ZERO);
    }
}
