package com.sandboxopt.core.solver;

import java.util.List;
import java.util.Objects;

/**
 * A linear or mixed-integer program: minimize or maximize {@code objectiveConstant + sum(objective_j x_j)}
 * subject to {@code lower_i <= sum(a_ij x_j) <= upper_i} and each variable's bounds and integrality.
 * Infinite bounds are {@link Double#POSITIVE_INFINITY} / {@link Double#NEGATIVE_INFINITY}.
 */
public record LinearProblem(String name, boolean maximize, double objectiveConstant, List<Variable> variables,
                            List<Constraint> constraints) {
    public LinearProblem {
        variables = List.copyOf(variables);
        constraints = List.copyOf(constraints);
    }

    public record Variable(String name, double lower, double upper, boolean integer, double objective) {
        public Variable {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One row: {@code variables[k]} are indexes into the problem's variables, each with
     * {@code coefficients[k]}. The arrays are the caller's, not copied.
     */
    public record Constraint(String name, int[] variables, double[] coefficients, double lower, double upper) {
        public Constraint {
            Objects.requireNonNull(name, "name");
            if (variables.length != coefficients.length) {
                throw new IllegalArgumentException("Constraint " + name + ": " + variables.length + " variables but "
                        + coefficients.length + " coefficients");
            }
        }
    }

    /** Variables + constraints + nonzero coefficients: what {@code Limits.maxProblemSize} counts. */
    public long size() {
        long nonzeros = 0;
        for (Constraint constraint : constraints) {
            nonzeros += constraint.variables().length;
        }
        return variables.size() + constraints.size() + nonzeros;
    }

    public boolean hasIntegers() {
        for (Variable variable : variables) {
            if (variable.integer()) {
                return true;
            }
        }
        return false;
    }
}
