package com.sandboxopt.core.solver;

import java.util.Objects;

/** A problem and how to solve it. */
public record SolveRequest(LinearProblem problem, SolverOptions options) {
    public SolveRequest {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(options, "options");
    }
}
