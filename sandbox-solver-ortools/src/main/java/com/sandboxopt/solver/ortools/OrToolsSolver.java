package com.sandboxopt.solver.ortools;

import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveRequest;
import com.sandboxopt.core.solver.SolveResult;
import com.sandboxopt.core.solver.SolveSession;
import com.sandboxopt.core.solver.SolveStatus;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.solver.SolverOptions;
import com.sandboxopt.solver.ortools.internal.Backend;
import com.sandboxopt.solver.ortools.internal.NativeLibraries;
import com.sandboxopt.solver.ortools.internal.SolveGuard;
import com.sandboxopt.solver.ortools.internal.SolveRun;
import com.sandboxopt.solver.ortools.internal.WorkerCommand;
import com.sandboxopt.solver.ortools.internal.WorkerPool;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * LP and MILP solving with Google OR-Tools: CBC (the default, as in PuLP), CLP, HiGHS, SCIP and
 * GLOP. Each solve runs in a worker process of its own (a small JVM with OR-Tools' native
 * libraries), so that it can be stopped at once when its job is cancelled or out of time, its CPU
 * time counts against the job, its memory is capped, its printed log streams into the job log, and
 * a crash in native code ends only that worker. Idle workers are kept for the next solves; the first is
 * started when the sandbox first sees a model that solves ({@link #prepare()}), not at build.
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.builder().solver(OrToolsSolver.create()).build();
 * }</pre>
 * Linux only (workers read {@code /proc}).
 */
public final class OrToolsSolver implements Solver {
    public static final String ORTOOLS_VERSION = "9.12.4544";
    private static final Set<String> BACKENDS = backendNames();

    private final WorkerPool pool;
    private final SolveGuard guard;
    private final AtomicBoolean prepared = new AtomicBoolean();

    private OrToolsSolver(OrToolsSolverBuilder settings) {
        Path natives = NativeLibraries.unpack(settings.nativeLibraryCache, ORTOOLS_VERSION);
        this.pool = new WorkerPool(WorkerCommand.of(settings.java, natives, settings.workerClassPath,
                settings.workerHeapBytes), settings.idleWorkers);
        this.guard = new SolveGuard(settings.memoryLimitBytes);
        if (settings.prestart) {
            prepare();
        }
    }

    /** Starts one worker in the background, once, so that the first solve does not wait for a JVM to start. */
    @Override
    public void prepare() {
        if (prepared.compareAndSet(false, true)) {
            pool.prestart();
        }
    }

    /** A solver with the default settings (see {@link OrToolsSolverBuilder}). */
    public static OrToolsSolver create() {
        return builder().build();
    }

    public static OrToolsSolverBuilder builder() {
        return new OrToolsSolverBuilder(OrToolsSolver::new);
    }

    @Override
    public String description() {
        return "OR-Tools " + ORTOOLS_VERSION + " (CBC, CLP, HiGHS, SCIP, GLOP) in worker processes";
    }

    @Override
    public Set<String> backends() {
        return BACKENDS;
    }

    @Override
    public SolveResult solve(SolveRequest request, SolveSession session) {
        LinearProblem problem = request.problem();
        SolverOptions options = request.options();
        Backend backend;
        try {
            backend = Backend.of(options.backend());
        } catch (IllegalArgumentException e) {
            return SolveResult.withoutSolution(SolveStatus.ERROR, "Unknown backend '" + options.backend() + "'; use one of " + BACKENDS);
        }
        return new SolveRun(pool, guard, backend, problem, options, session).run();
    }

    /** Ends every worker, idle or solving. */
    @Override
    public void close() {
        pool.close();
        guard.close();
    }

    private static Set<String> backendNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Backend backend : Backend.values()) {
            names.add(backend.wireName());
        }
        return Collections.unmodifiableSet(names);
    }
}
