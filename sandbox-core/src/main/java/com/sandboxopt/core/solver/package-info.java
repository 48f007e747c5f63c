/**
 * The plug-in point for a native solver: a {@link com.sandboxopt.core.solver.Solver} given to
 * {@code SandboxBuilder.solver(...)} solves the problems jobs pass to {@code sandbox.solve} and
 * PuLP's {@code prob.solve()}. The sandbox turns the guest's data into a
 * {@link com.sandboxopt.core.solver.LinearProblem}, caps its size and time, streams the backend's log
 * and MIP progress into the job, and stops the solve when the job is cancelled or out of time.
 */
package com.sandboxopt.core.solver;
