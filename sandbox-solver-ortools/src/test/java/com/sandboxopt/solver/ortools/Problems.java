package com.sandboxopt.solver.ortools;

import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.LinearProblem.Constraint;
import com.sandboxopt.core.solver.LinearProblem.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small problems with known answers, and hard ones that take long. */
final class Problems {
    static final double INF = Double.POSITIVE_INFINITY;

    private Problems() {
    }

    /** min x + 3y s.t. x + y >= 5 (dual 1), x <= 8 (dual 0), 0 <= x, y <= 10: x = 5, y = 0, objective 5, dj(y) = 2. */
    static LinearProblem smallLp(boolean maximizeNegated) {
        double sign = maximizeNegated ? -1 : 1;
        return new LinearProblem("small", maximizeNegated, 0,
                List.of(new Variable("x", 0, 10, false, sign), new Variable("y", 0, 10, false, 3 * sign)),
                List.of(new Constraint("c", new int[] {0, 1}, new double[] {1, 1}, 5, INF),
                        new Constraint("c2", new int[] {0}, new double[] {1}, -INF, 8)));
    }

    /** max 5a + 4b + 3c s.t. 2a + 3b + c <= 5, 4a + b + 2c <= 11, 3a + 4b + 2c <= 8, integers in [0, 10]: a=2, b=0, c=1, 13. */
    static LinearProblem smallMip() {
        return new LinearProblem("mip", true, 0,
                List.of(new Variable("a", 0, 10, true, 5), new Variable("b", 0, 10, true, 4), new Variable("c", 0, 10, true, 3)),
                List.of(new Constraint("r1", new int[] {0, 1, 2}, new double[] {2, 3, 1}, -INF, 5),
                        new Constraint("r2", new int[] {0, 1, 2}, new double[] {4, 1, 2}, -INF, 11),
                        new Constraint("r3", new int[] {0, 1, 2}, new double[] {3, 4, 2}, -INF, 8)));
    }

    /** max x + y s.t. 2x + 2y <= 3 over integers: 1; its LP relaxation: 1.5. */
    static LinearProblem fractional() {
        return new LinearProblem("fractional", true, 0,
                List.of(new Variable("x", 0, 10, true, 1), new Variable("y", 0, 10, true, 1)),
                List.of(new Constraint("half", new int[] {0, 1}, new double[] {2, 2}, -INF, 3)));
    }

    /** x + y <= 1 and x + y >= 2. */
    static LinearProblem infeasible(boolean integer) {
        return new LinearProblem("infeasible", false, 0,
                List.of(new Variable("x", 0, INF, integer, 1), new Variable("y", 0, INF, integer, 1)),
                List.of(new Constraint("low", new int[] {0, 1}, new double[] {1, 1}, -INF, 1),
                        new Constraint("high", new int[] {0, 1}, new double[] {1, 1}, 2, INF)));
    }

    /** max x + y with only x - y <= 1. */
    static LinearProblem unbounded(boolean integer) {
        return new LinearProblem("unbounded", true, 0,
                List.of(new Variable("x", 0, INF, integer, 1), new Variable("y", 0, INF, integer, 1)),
                List.of(new Constraint("diff", new int[] {0, 1}, new double[] {1, -1}, -INF, 1)));
    }

    /** A multi-dimensional knapsack that CBC needs many seconds for, with good solutions found early. */
    static LinearProblem hardKnapsack(int items) {
        Random random = new Random(1);
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            variables.add(new Variable("x" + i, 0, 1, true, 50 + random.nextInt(50)));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            int[] index = new int[items];
            double[] weight = new double[items];
            double sum = 0;
            for (int i = 0; i < items; i++) {
                index[i] = i;
                weight[i] = 20 + random.nextInt(80);
                sum += weight[i];
            }
            constraints.add(new Constraint("w" + k, index, weight, -INF, Math.floor(sum / 2)));
        }
        return new LinearProblem("knapsack", true, 0, variables, constraints);
    }

    /** A market-split instance (Cornuejols and Dawande): equalities over binaries, for which solvers find no solution for a long time. */
    static LinearProblem marketSplit(int rows, int columns) {
        Random random = new Random(7);
        List<Variable> variables = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            variables.add(new Variable("x" + j, 0, 1, true, 0));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int[] index = new int[columns];
            double[] a = new double[columns];
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                index[j] = j;
                a[j] = random.nextInt(100);
                sum += a[j];
            }
            double rhs = Math.floor(sum / 2);
            constraints.add(new Constraint("split" + i, index, a, rhs, rhs));
        }
        return new LinearProblem("market-split", false, 0, variables, constraints);
    }
}
