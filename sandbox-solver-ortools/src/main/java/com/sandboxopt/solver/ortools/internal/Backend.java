package com.sandboxopt.solver.ortools.internal;

import java.util.Locale;

/**
 * The backends offered, with OR-Tools' solver for a MIP and for an LP, the relative gap their own
 * programs stop at by default, whether their LP duals can be used, and whether they count their time
 * limit in CPU seconds. CBC hands LPs to CLP, as CBC's own program does, which is where PuLP's duals come from.
 */
public enum Backend {
    CBC("CBC", "CLP", 0.0, true, true),
    CLP(null, "CLP", Double.NaN, true, true),
    HIGHS("HIGHS", "HIGHS_LP", 1e-4, false, false), // OR-Tools 9.12 reports wrong LP duals for HiGHS
    SCIP("SCIP", "SCIP", 0.0, false, false),
    GLOP(null, "GLOP", Double.NaN, true, false);

    private final String mipSolver;
    private final String lpSolver;
    private final double defaultGap;
    private final boolean dualsUsable;
    private final boolean countsCpuSeconds;

    Backend(String mipSolver, String lpSolver, double defaultGap, boolean dualsUsable, boolean countsCpuSeconds) {
        this.mipSolver = mipSolver;
        this.lpSolver = lpSolver;
        this.defaultGap = defaultGap;
        this.dualsUsable = dualsUsable;
        this.countsCpuSeconds = countsCpuSeconds;
    }

    public static Backend of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it branches on integers; an LP-only backend solves the relaxation. */
    public boolean solvesMips() {
        return mipSolver != null;
    }

    public String solverFor(boolean mip) {
        return mip ? mipSolver : lpSolver;
    }

    public double defaultGap() {
        return defaultGap;
    }

    public boolean dualsUsable() {
        return dualsUsable;
    }

    /** Whether its time limit is CPU time of its process (CBC and CLP, as their own programs count it), not the clock's. */
    public boolean countsCpuSeconds() {
        return countsCpuSeconds;
    }
}
