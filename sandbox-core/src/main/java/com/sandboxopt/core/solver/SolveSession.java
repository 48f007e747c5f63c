package com.sandboxopt.core.solver;

import java.time.Duration;

/**
 * What the sandbox offers a solver during one solve, on the solving thread. The defaults do
 * nothing, so a solver can be tried on its own with {@code new SolveSession() {}}.
 */
public interface SolveSession {
    /** One line of the backend's own log; the sandbox adds it to the job log (only asked for when logging). */
    default void log(String line) {
    }

    /** MIP progress: the best solution's objective so far (NaN before the first) and the best bound. */
    default void mipProgress(double incumbent, double bestBound) {
    }

    /** Called once the solve runs: how the sandbox stops it (cancel, job out of time) and reads its CPU time. */
    default void started(SolveControl control) {
    }

    /**
     * How long the solve may take by the clock, null when only its time limit applies: set when the job has a deadline
     * (the time limit is then at most this). A backend that counts its time limit in CPU seconds takes the share of a
     * processor it can expect into account, so that on a busy machine too it returns its best solution in time.
     */
    default Duration clockLimit() {
        return null;
    }
}
