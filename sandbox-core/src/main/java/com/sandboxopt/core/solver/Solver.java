package com.sandboxopt.core.solver;

import java.util.Set;

/**
 * Solves linear and mixed-integer programs for the jobs of a sandbox, on the host, outside the
 * guest's reach: a job hands over plain data ({@code sandbox.solve}, or PuLP's {@code prob.solve()})
 * and gets plain data back. Plug one in with {@code SandboxBuilder.solver(...)}; the sandbox closes
 * it on close. Implementations must be thread-safe: jobs solve at the same time.
 */
public interface Solver extends AutoCloseable {
    /** Name and version, for logs and the runtime description, e.g. {@code OR-Tools 9.12.4544}. */
    String description();

    /** The backends a job may ask for, lower case, e.g. {@code cbc}, {@code highs}; the first is the default. */
    Set<String> backends();

    /**
     * Solves on the calling thread, which is the job's own, and returns when the solve ended (also
     * when it was stopped through the {@link SolveControl} it registered with
     * {@link SolveSession#started}). Infeasible, unbounded or out-of-time problems are results, not
     * exceptions; only a broken solver throws.
     */
    SolveResult solve(SolveRequest request, SolveSession session);

    /**
     * A model that solves exists (one that imports PuLP or calls {@code sandbox.solve} was uploaded or found at
     * start): start now what its first solve would otherwise wait for. Called from any thread, possibly many
     * times; nothing before the first call should cost anything, so that a sandbox whose models never solve
     * never pays for the solver.
     */
    default void prepare() {
    }

    @Override
    default void close() {
    }
}
