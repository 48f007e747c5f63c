package com.sandboxopt.solver.ortools.internal;

import com.google.ortools.linearsolver.MPSolutionResponse;
import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveResult;
import com.sandboxopt.core.solver.SolveSession;
import com.sandboxopt.core.solver.SolveStatus;
import com.sandboxopt.core.solver.SolverOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** One solve: the problem to a worker, the worker's log and progress to the session, its answer back as a result. */
public final class SolveRun {
    private final WorkerPool pool;
    private final SolveGuard guard;
    private final Backend backend;
    private final LinearProblem problem;
    private final SolverOptions options;
    private final SolveSession session;

    public SolveRun(WorkerPool pool, SolveGuard guard, Backend backend, LinearProblem problem, SolverOptions options,
                    SolveSession session) {
        this.pool = pool;
        this.guard = guard;
        this.backend = backend;
        this.problem = problem;
        this.options = options;
        this.session = session;
    }

    public SolveResult run() {
        boolean integers = problem.hasIntegers() && !options.relaxIntegers();
        if (integers && !backend.solvesMips() && options.log()) {
            session.log(backend.wireName() + " solves LPs only: the integer variables are relaxed");
        }
        boolean mip = integers && backend.solvesMips();
        String solverId = backend.solverFor(mip);
        double gap = options.relativeGap() != null ? options.relativeGap() : backend.defaultGap();
        long limitMillis = Math.max(1, Math.min(options.timeLimit().toMillis(), byTheClock()));
        WorkerProtocol.Request request = new WorkerProtocol.Request(solverId, mip, mip || options.log(), limitMillis,
                mip ? gap : Double.NaN, options.threads(), ModelProtos.toProto(problem, !mip).toByteArray());
        WorkerProcess worker;
        try {
            worker = pool.take();
        } catch (IOException e) {
            return SolveResult.withoutSolution(SolveStatus.ERROR, "Could not start a solver worker: " + e.getMessage());
        }
        long started = System.nanoTime(); // the time limit is the solve's; starting a worker is not part of it
        WorkerControl control = new WorkerControl(worker);
        guard.watch(control);
        session.started(control);
        MipProgress progress = MipProgress.of(solverId);
        try {
            byte[] answer = worker.solve(request, line -> {
                if (options.log()) {
                    session.log(line);
                }
                if (mip) {
                    progress.read(line, session::mipProgress);
                }
            });
            control.finish();
            SolveResult result = ModelProtos.toResult(MPSolutionResponse.parseFrom(answer), problem, mip,
                    backend.dualsUsable(), Duration.ofNanos(System.nanoTime() - started), Duration.ofNanos(control.cpuTimeNanos()));
            pool.give(worker);
            return result;
        } catch (WorkerFailure e) {
            control.finish();
            StopReason reason = e.stoppedBecause();
            if (reason == null && worker.isAlive()) {
                pool.give(worker); // the worker answered with an error and is fine
            } else {
                worker.kill(reason);
                pool.give(worker);
            }
            return failed(e, reason);
        } catch (IOException e) {
            control.finish();
            worker.kill(null);
            pool.give(worker);
            return SolveResult.withoutSolution(SolveStatus.ERROR, "The solver's answer could not be read: " + e.getMessage());
        } finally {
            guard.unwatch(control);
        }
    }

    /**
     * What the clock allows, in the backend's own count: a backend counting CPU seconds gets the share of a processor
     * it can expect of the session's clock limit, so that on a busy machine it still returns in time (saying so).
     */
    private long byTheClock() {
        Duration clock = session.clockLimit();
        if (clock == null) {
            return Long.MAX_VALUE;
        }
        if (!backend.countsCpuSeconds()) {
            return clock.toMillis();
        }
        double share = CpuShare.now();
        long millis = (long) (clock.toMillis() * share);
        if (share < 1 && millis < options.timeLimit().toMillis() && options.log()) {
            session.log(String.format(Locale.ROOT, "%s counts its time limit in CPU seconds: %.1f s, %.0f %% of the"
                    + " %.1f s left by the clock, the share of a processor this machine offers now", backend.wireName(),
                    millis / 1000.0, share * 100, clock.toMillis() / 1000.0));
        }
        return millis;
    }

    private SolveResult failed(WorkerFailure e, StopReason reason) {
        if (reason == null) {
            return SolveResult.withoutSolution(SolveStatus.ERROR, e.getMessage());
        }
        return switch (reason) {
            case ABORTED -> SolveResult.withoutSolution(SolveStatus.NOT_SOLVED, "The solve was stopped");
            case MEMORY -> SolveResult.withoutSolution(SolveStatus.ERROR, "The solver used more than "
                    + (guard.memoryLimitBytes() >> 20) + " MiB of memory and was stopped (OrToolsSolverBuilder.memoryLimitBytes)");
        };
    }
}
