package com.sandboxopt.core.internal.solving;

import com.sandboxopt.core.solver.LinearProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Variables by name as they are read, in primitive arrays: a million variables cost tens of megabytes, not hundreds. */
final class VariableTable {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private double[] lower = new double[16];
    private double[] upper = new double[16];
    private double[] objective = new double[16];
    private boolean[] integer = new boolean[16];
    private boolean[] declared = new boolean[16];

    /** The variable's index, given at first sight (it may be declared later). */
    int indexOf(String name) {
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        int next = names.size();
        if (next == lower.length) {
            int capacity = next * 2;
            lower = Arrays.copyOf(lower, capacity);
            upper = Arrays.copyOf(upper, capacity);
            objective = Arrays.copyOf(objective, capacity);
            integer = Arrays.copyOf(integer, capacity);
            declared = Arrays.copyOf(declared, capacity);
        }
        index.put(name, next);
        names.add(name);
        lower[next] = 0;
        upper[next] = Double.POSITIVE_INFINITY;
        return next;
    }

    String name(int i) {
        return names.get(i);
    }

    /** Marks the variable declared; false when it already was. */
    boolean declare(int i) {
        boolean first = !declared[i];
        declared[i] = true;
        return first;
    }

    void lower(int i, double value) {
        lower[i] = value;
    }

    void upper(int i, double value) {
        upper[i] = value;
    }

    double lower(int i) {
        return lower[i];
    }

    double upper(int i) {
        return upper[i];
    }

    void integer(int i, boolean value) {
        integer[i] = value;
    }

    void addObjective(int i, double coefficient) {
        objective[i] += coefficient;
    }

    /** The variables in index order; fails on the first one used but never declared. */
    List<LinearProblem.Variable> build() {
        List<LinearProblem.Variable> variables = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (!declared[i]) {
                throw new ProblemException("sandbox.solve: variable '" + names.get(i)
                        + "' is used in the objective or a constraint but not declared under variables");
            }
            variables.add(new LinearProblem.Variable(names.get(i), lower[i], upper[i], integer[i], objective[i]));
        }
        return variables;
    }
}
