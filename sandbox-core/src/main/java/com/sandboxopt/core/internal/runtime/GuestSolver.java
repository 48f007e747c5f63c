package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.solving.AnswerWriter;
import com.sandboxopt.core.internal.solving.ProblemException;
import com.sandboxopt.core.internal.solving.ProblemReader;
import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveControl;
import com.sandboxopt.core.solver.SolveRequest;
import com.sandboxopt.core.solver.SolveResult;
import com.sandboxopt.core.solver.SolveSession;
import com.sandboxopt.core.solver.SolveStatus;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.solver.SolverOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's calls to {@code sandbox.solve}: reads the problem the guest passed as JSON, refuses one
 * over the job's size limit, gives the solve no more time than the job has left (before its deadline: less a
 * reserve, saying so in a WARNING line when that cut the solve short; see {@link Deadlines}), streams the
 * backend's log into the job log and its MIP progress out as the metrics {@code mip_incumbent},
 * {@code mip_bound} and {@code mip_gap}, and answers as JSON. Runs on the job's thread.
 */
final class GuestSolver {
    private static final Logger LOG = LoggerFactory.getLogger(GuestSolver.class);
    static final String NO_SOLVER = "No solver is configured in this sandbox: the host application adds one with "
            + "SandboxBuilder.solver(...) (the sandbox-solver-ortools module; the server includes it)";

    private final Solver solver;
    private final JobRun run;
    private final JobLog log;
    private final JobListener listeners;
    private final JobClock clock;
    private long metricStep;

    GuestSolver(Solver solver, JobRun run, JobLog log, JobListener listeners, JobClock clock) {
        this.solver = solver;
        this.run = run;
        this.log = log;
        this.listeners = listeners;
        this.clock = clock;
    }

    String solve(String problemJson) {
        if (solver == null) {
            return AnswerWriter.error("RuntimeError", NO_SOLVER);
        }
        SolveRequest request;
        try {
            request = ProblemReader.read(problemJson, run.limits().maxProblemSize(), solver.backends(), defaultBackend());
        } catch (ProblemException e) {
            return AnswerWriter.error("ValueError", e.getMessage());
        }
        LinearProblem problem = request.problem();
        Duration left = clock.remaining(run, Math.max(1, request.options().threads()));
        if (left.isZero()) {
            return AnswerWriter.write(problem, SolveResult.withoutSolution(SolveStatus.NOT_SOLVED,
                    "the job has no time left to solve"), request.options().backend());
        }
        Duration limit = min(request.options().timeLimit(), left);
        Instant deadline = run.deadline();
        Duration beforeDeadline = null;
        boolean cutForDeadline = false;
        if (deadline != null) {
            beforeDeadline = Deadlines.solveTime(Duration.ofNanos(Math.max(0, Deadlines.nanosUntil(deadline, Instant.now()))));
            cutForDeadline = beforeDeadline.compareTo(limit) < 0;
            limit = min(limit, beforeDeadline);
        }
        SolverOptions options = request.options().withTimeLimit(limit);
        if (options.log()) {
            log.emit(LogLevel.INFO, describe(problem, options) + (cutForDeadline ? " (for the job's deadline)" : ""));
        }
        Session session = new Session(options.log(), isMip(problem, options), beforeDeadline);
        SolveResult result;
        try {
            result = solver.solve(new SolveRequest(problem, options), session);
        } catch (RuntimeException e) {
            LOG.warn("The solver failed on a problem of job {}", run.jobId(), e);
            result = SolveResult.withoutSolution(SolveStatus.ERROR, "The solver failed: " + e.getMessage());
        } finally {
            run.solveEnded(session.control);
        }
        if (session.mip && result.values() != null) {
            session.mipProgress(result.objective(), result.status() == SolveStatus.OPTIMAL ? result.objective() : result.bestBound());
        }
        if (cutForDeadline && (result.status() == SolveStatus.FEASIBLE || result.status() == SolveStatus.NOT_SOLVED)) {
            log.emit(LogLevel.WARNING, Deadlines.solveCut(limit, deadline, result)); // it ran into the shortened limit
        }
        return AnswerWriter.write(problem, result, options.backend());
    }

    private String defaultBackend() {
        Iterator<String> backends = solver.backends().iterator();
        return backends.hasNext() ? backends.next() : "";
    }

    private static boolean isMip(LinearProblem problem, SolverOptions options) {
        return !options.relaxIntegers() && problem.hasIntegers();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(LinearProblem problem, SolverOptions options) {
        long integers = problem.variables().stream().filter(LinearProblem.Variable::integer).count();
        long nonzeros = problem.size() - problem.variables().size() - problem.constraints().size();
        String limit = options.timeLimit().equals(ProblemReader.NO_TIME_LIMIT) ? "none" : Durations.human(options.timeLimit());
        return String.format("Solving '%s' with %s: %,d variables (%,d integer%s), %,d constraints, %,d nonzeros; time limit %s",
                problem.name(), options.backend(), problem.variables().size(), integers,
                options.relaxIntegers() && integers > 0 ? ", relaxed" : "", problem.constraints().size(), nonzeros, limit);
    }

    /** What the solver reports while it runs, turned into the job's log lines and metrics. */
    private final class Session implements SolveSession {
        private final boolean logging;
        private final boolean mip;
        private final Duration clockLimit;
        private volatile SolveControl control;
        private double lastIncumbent = Double.NaN;
        private double lastBound = Double.NaN;

        Session(boolean logging, boolean mip, Duration clockLimit) {
            this.logging = logging;
            this.mip = mip;
            this.clockLimit = clockLimit;
        }

        @Override
        public Duration clockLimit() {
            return clockLimit;
        }

        @Override
        public void log(String line) {
            if (logging) {
                log.emit(LogLevel.INFO, line);
            }
        }

        @Override
        public void mipProgress(double incumbent, double bestBound) {
            if (!mip || (same(incumbent, lastIncumbent) && same(bestBound, lastBound))) {
                return;
            }
            lastIncumbent = incumbent;
            lastBound = bestBound;
            long step = ++metricStep;
            if (!Double.isNaN(incumbent) && Double.isFinite(incumbent)) {
                metric("mip_incumbent", incumbent, step);
            }
            if (!Double.isNaN(bestBound) && Double.isFinite(bestBound)) {
                metric("mip_bound", bestBound, step);
            }
            if (Double.isFinite(incumbent) && Double.isFinite(bestBound)) {
                metric("mip_gap", Math.abs(incumbent - bestBound) / Math.max(Math.abs(incumbent), 1e-10), step);
            }
        }

        private void metric(String name, double value, long step) {
            ModelType type = run.accepted().model().type();
            listeners.onMetric(new MetricEvent(run.jobId(), type, name, value, step, Now.instant()));
        }

        @Override
        public void started(SolveControl solveControl) {
            this.control = solveControl;
            run.solveStarted(solveControl);
        }

        private static boolean same(double a, double b) {
            return Double.compare(a, b) == 0;
        }
    }
}
