package com.sandboxopt.core.solver;

import java.time.Duration;
import java.util.Objects;

/**
 * How to solve.
 *
 * @param backend       which of the solver's {@link Solver#backends()} to use
 * @param log           whether the backend's own log goes to the job log as it runs
 * @param timeLimit     how long the solve may take; the sandbox shortens it to the job's remaining time
 * @param relativeGap   stop a MIP once (incumbent - bound) / incumbent is at most this; null for the
 *                      backend's own default as its command-line program has it (CBC and SCIP 0, HiGHS 1e-4)
 * @param relaxIntegers solve the LP relaxation (integer variables made continuous)
 * @param threads       threads the backend may use; 0 for its default (one for CBC)
 */
public record SolverOptions(String backend, boolean log, Duration timeLimit, Double relativeGap,
                            boolean relaxIntegers, int threads) {
    public SolverOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(timeLimit, "timeLimit");
    }

    public SolverOptions withTimeLimit(Duration limit) {
        return new SolverOptions(backend, log, limit, relativeGap, relaxIntegers, threads);
    }
}
