package com.sandboxopt.solver.ortools.internal.worker;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The LP solver's iteration lines that CBC, as OR-Tools runs it, prints for every LP it solves
 * while branching: 98 % of 81,732 lines in a 4-second solve, against 154 lines from CBC's own
 * program (which keeps them quiet) for the same problem. They are dropped; CBC's own lines
 * (solutions found, nodes, bounds, cuts) are kept.
 */
final class CbcChatter implements Predicate<String> {
    private static final Pattern CHATTER = Pattern.compile(
            "^(\\d+\\s+Obj -?[0-9.e+-]+( (Primal|Dual) inf [0-9.e+-]+ \\(\\d+\\))*"
                    + "|(Optimal|Primal infeasible|Dual infeasible) - objective value -?[0-9.e+-]+)\\s*$");

    @Override
    public boolean test(String line) {
        return CHATTER.matcher(line).matches();
    }
}
