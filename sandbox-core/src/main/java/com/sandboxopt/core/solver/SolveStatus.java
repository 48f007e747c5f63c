package com.sandboxopt.core.solver;

import java.util.Locale;

/** How a solve ended. */
public enum SolveStatus {
    /** Proven optimal (within the gap asked for). */
    OPTIMAL,
    /** Stopped (time limit, cancel) with a solution that is not proven optimal. */
    FEASIBLE,
    INFEASIBLE,
    UNBOUNDED,
    /** Stopped before any solution was found. */
    NOT_SOLVED,
    /** The backend failed: numerical trouble, an invalid model, or the solver itself broke. */
    ERROR;

    /** {@code optimal}, {@code not_solved}, ...: the name jobs see. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
