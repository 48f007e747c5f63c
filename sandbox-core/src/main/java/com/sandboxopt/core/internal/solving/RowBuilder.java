package com.sandboxopt.core.internal.solving;

import com.sandboxopt.core.solver.LinearProblem;
import java.util.Arrays;

/** The terms of one constraint as they are read; a variable named twice gets the sum of its coefficients. */
final class RowBuilder {
    private int[] variables = new int[8];
    private double[] coefficients = new double[8];
    private int count;

    void add(int variable, double coefficient) {
        if (count == variables.length) {
            variables = Arrays.copyOf(variables, count * 2);
            coefficients = Arrays.copyOf(coefficients, count * 2);
        }
        variables[count] = variable;
        coefficients[count++] = coefficient;
    }

    int size() {
        return count;
    }

    LinearProblem.Constraint build(String name, double lower, double upper) {
        int[] vars = Arrays.copyOf(variables, count);
        double[] coefs = Arrays.copyOf(coefficients, count);
        if (hasRepeats(vars)) {
            return merged(name, vars, coefs, lower, upper);
        }
        return new LinearProblem.Constraint(name, vars, coefs, lower, upper);
    }

    private static boolean hasRepeats(int[] vars) {
        int[] sorted = vars.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == sorted[k - 1]) {
                return true;
            }
        }
        return false;
    }

    private static LinearProblem.Constraint merged(String name, int[] vars, double[] coefs, double lower, double upper) {
        Integer[] order = new Integer[vars.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(vars[a], vars[b]));
        int[] mergedVars = new int[vars.length];
        double[] mergedCoefs = new double[vars.length];
        int n = 0;
        for (int k : order) {
            if (n > 0 && mergedVars[n - 1] == vars[k]) {
                mergedCoefs[n - 1] += coefs[k];
            } else {
                mergedVars[n] = vars[k];
                mergedCoefs[n++] = coefs[k];
            }
        }
        return new LinearProblem.Constraint(name, Arrays.copyOf(mergedVars, n), Arrays.copyOf(mergedCoefs, n), lower, upper);
    }
}
