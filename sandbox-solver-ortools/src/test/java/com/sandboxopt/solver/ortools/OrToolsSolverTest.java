package com.sandboxopt.solver.ortools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveControl;
import com.sandboxopt.core.solver.SolveRequest;
import com.sandboxopt.core.solver.SolveResult;
import com.sandboxopt.core.solver.SolveSession;
import com.sandboxopt.core.solver.SolveStatus;
import com.sandboxopt.core.solver.SolverOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The solver module on its own: real OR-Tools backends in real worker processes. */
class OrToolsSolverTest {
    private static final OrToolsSolver SOLVER = OrToolsSolver.builder().idleWorkers(2).build();

    @AfterAll
    static void close() {
        SOLVER.close();
    }

    /** Records what a solve reports. */
    static final class Recording implements SolveSession {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<double[]> progress = new CopyOnWriteArrayList<>();
        final AtomicReference<SolveControl> control = new AtomicReference<>();

        @Override
        public void log(String line) {
            lines.add(line);
        }

        @Override
        public void mipProgress(double incumbent, double bestBound) {
            progress.add(new double[] {incumbent, bestBound});
        }

        @Override
        public void started(SolveControl solveControl) {
            control.set(solveControl);
        }
    }

    private static SolverOptions options(String backend, Duration limit) {
        return new SolverOptions(backend, false, limit, null, false, 0);
    }

    private static SolveResult solve(LinearProblem problem, SolverOptions options, SolveSession session) {
        return SOLVER.solve(new SolveRequest(problem, options), session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cbc", "clp", "glop"})
    void anLpIsSolvedWithItsDualsAndReducedCosts(String backend) {
        SolveResult result = solve(Problems.smallLp(false), options(backend, Duration.ofSeconds(30)), new SolveSession() { });

        assertThat(result.status()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(result.objective()).isCloseTo(5, offset(1e-9));
        assertThat(result.values()).containsExactly(new double[] {5, 0}, offset(1e-9));
        assertThat(result.duals()).containsExactly(new double[] {1, 0}, offset(1e-9));
        assertThat(result.reducedCosts()).containsExactly(new double[] {0, 2}, offset(1e-9));
    }

    @Test
    void dualsOfAMaximizationHaveTheSignPulpAndCbcGive() {
        SolveResult result = solve(Problems.smallLp(true), options("cbc", Duration.ofSeconds(30)), new SolveSession() { });

        assertThat(result.objective()).isCloseTo(-5, offset(1e-9));
        assertThat(result.duals()).containsExactly(new double[] {-1, 0}, offset(1e-9));
        assertThat(result.reducedCosts()).containsExactly(new double[] {0, -2}, offset(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cbc", "highs", "scip"})
    void aMipIsSolvedToOptimalityWithoutDuals(String backend) {
        SolveResult result = solve(Problems.smallMip(), options(backend, Duration.ofSeconds(30)), new SolveSession() { });

        assertThat(result.status()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(result.objective()).isCloseTo(13, offset(1e-6));
        assertThat(result.bestBound()).isCloseTo(13, offset(1e-6));
        assertThat(result.values()).containsExactly(new double[] {2, 0, 1}, offset(1e-6));
        assertThat(result.duals()).isNull();
    }

    @Test
    void relaxingIntegersSolvesTheLp() {
        SolverOptions relaxed = new SolverOptions("cbc", false, Duration.ofSeconds(30), null, true, 0);
        SolveResult result = solve(Problems.fractional(), relaxed, new SolveSession() { });
        SolveResult integer = solve(Problems.fractional(), options("cbc", Duration.ofSeconds(30)), new SolveSession() { });

        assertThat(result.objective()).isCloseTo(1.5, offset(1e-9));
        assertThat(result.duals()).containsExactly(new double[] {0.5}, offset(1e-9));
        assertThat(integer.objective()).isCloseTo(1, offset(1e-9));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anInfeasibleProblemIsAStatusNotAnError(boolean integer) {
        SolveResult result = solve(Problems.infeasible(integer), options("cbc", Duration.ofSeconds(30)), new SolveSession() { });

        assertThat(result.status()).isEqualTo(SolveStatus.INFEASIBLE);
        assertThat(result.values()).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUnboundedProblemIsAStatus(boolean integer) {
        SolveResult result = solve(Problems.unbounded(integer), options("cbc", Duration.ofSeconds(30)), new SolveSession() { });

        assertThat(result.status()).isIn(SolveStatus.UNBOUNDED, SolveStatus.INFEASIBLE).isEqualTo(
                integer ? result.status() : SolveStatus.UNBOUNDED);
    }

    @Test
    void aTimeLimitWithASolutionEndsFeasibleWithTheLogAndProgressStreamed() {
        Recording session = new Recording();
        long start = System.nanoTime();
        SolveResult result = solve(Problems.hardKnapsack(200),
                new SolverOptions("cbc", true, Duration.ofSeconds(2), null, false, 0), session);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.status()).isEqualTo(SolveStatus.FEASIBLE);
        assertThat(result.objective()).isGreaterThan(0);
        assertThat(result.bestBound()).isGreaterThanOrEqualTo(result.objective());
        assertThat(seconds).as("ended near its 2 s limit").isLessThan(20);
        assertThat(session.lines).anyMatch(line -> line.contains("Welcome to the CBC MILP Solver"));
        assertThat(session.progress).isNotEmpty();
        double[] last = session.progress.get(session.progress.size() - 1);
        assertThat(last[0]).isLessThanOrEqualTo(result.objective() + 1e-6);
        assertThat(result.cpuTime()).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void aTimeLimitWithoutASolutionEndsNotSolved() {
        SolveResult result = solve(Problems.marketSplit(5, 40), options("cbc", Duration.ofSeconds(1)), new SolveSession() { });

        assertThat(result.status()).isEqualTo(SolveStatus.NOT_SOLVED);
        assertThat(result.values()).isNull();
    }

    @Test
    void abortStopsASolveWithinASecondAndTheNextSolveWorks() throws Exception {
        Recording session = new Recording();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long[] abortedAt = new long[1];
        timer.schedule(() -> {
            abortedAt[0] = System.nanoTime();
            session.control.get().abort();
        }, 2500, TimeUnit.MILLISECONDS);
        SolveResult result = solve(Problems.hardKnapsack(200), options("cbc", Duration.ofMinutes(5)), session);
        long returnedAfterAbort = (System.nanoTime() - abortedAt[0]) / 1_000_000;
        timer.shutdown();

        assertThat(result.status()).isEqualTo(SolveStatus.NOT_SOLVED);
        assertThat(result.message()).isEqualTo("The solve was stopped");
        assertThat(returnedAfterAbort).isLessThan(1000);
        assertThat(session.control.get().cpuTimeNanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(solve(Problems.smallMip(), options("cbc", Duration.ofSeconds(30)), new SolveSession() { }).status())
                .isEqualTo(SolveStatus.OPTIMAL);
    }

    @Test
    void aWorkerOverItsMemoryLimitIsStoppedWithAClearMessage() {
        try (OrToolsSolver small = OrToolsSolver.builder().memoryLimitBytes(64L << 20).prestart(false).build()) {
            // a solve that lasts: the guard looks every 50 ms, and a small MIP could end before its first look
            SolveResult result = small.solve(new SolveRequest(Problems.hardKnapsack(200), options("cbc", Duration.ofSeconds(30))),
                    new SolveSession() { });

            assertThat(result.status()).isEqualTo(SolveStatus.ERROR);
            assertThat(result.message()).contains("more than 64 MiB of memory", "memoryLimitBytes");
        }
    }
}
