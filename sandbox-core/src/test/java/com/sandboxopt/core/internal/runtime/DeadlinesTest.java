package com.sandboxopt.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.solver.SolveResult;
import com.sandboxopt.core.solver.SolveStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private static final Instant DEADLINE = Instant.parse("2026-03-01T11:00:00Z");

    @Test
    void aSolveLeavesATenthOfTheTimeLeftButAtLeastTwoSeconds() {
        assertThat(Deadlines.solveTime(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Deadlines.solveTime(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(18));
        assertThat(Deadlines.solveTime(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aSolveGetsOneSecondAtLeastHoweverLittleIsLeft() {
        assertThat(Deadlines.solveTime(Duration.ofMillis(2500))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Deadlines.solveTime(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theTimeUntilAFarDeadlineSaturatesInsteadOfOverflowing() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Deadlines.nanosUntil(now.plusSeconds(2), now)).isEqualTo(2_000_000_000L);
        assertThat(Deadlines.nanosUntil(now.minusSeconds(1), now)).isEqualTo(-1_000_000_000L);
        assertThat(Deadlines.nanosUntil(Instant.parse("9999-12-31T23:59:59Z"), now)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theWarningOfACutSolveSaysHowLongItGotAndTheGapItReached() {
        SolveResult feasible = new SolveResult(SolveStatus.FEASIBLE, null, 950, 1000, new double[] {1}, null, null,
                null, null);

        assertThat(Deadlines.solveCut(Duration.ofMillis(12_345), DEADLINE, feasible)).isEqualTo("Solve cut to 12.3 s"
                + " for the job's deadline 2026-03-01T11:00:00Z; it stopped at gap 5.26 % (objective 950, bound 1000)");
    }

    @Test
    void theWarningOfACutSolveWithoutASolutionSaysNoneWasFound() {
        SolveResult none = SolveResult.withoutSolution(SolveStatus.NOT_SOLVED, "time limit");

        assertThat(Deadlines.solveCut(Duration.ofSeconds(4), DEADLINE, none))
                .isEqualTo("Solve cut to 4.0 s for the job's deadline 2026-03-01T11:00:00Z; no solution found");
    }

    @Test
    void theErrorsOfAJobStoppedByItsDeadlineNameIt() {
        assertThat(Deadlines.stoppedAt(DEADLINE)).isEqualTo("Stopped at its deadline 2026-03-01T11:00:00Z");
        assertThat(Deadlines.passedWhileQueued(DEADLINE))
                .isEqualTo("Its deadline 2026-03-01T11:00:00Z passed while it was queued: it did not start");
    }
}
