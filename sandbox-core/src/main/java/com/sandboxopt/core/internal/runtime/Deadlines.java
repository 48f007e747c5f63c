package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.solver.SolveResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A job's deadline, its rules in one place. Past it the job is stopped as {@code timed_out}, and one still queued
 * never starts. A solve before it gets the time left less a reserve, a tenth of that time and at least
 * {@link #MIN_RESERVE}: the solver stops first and hands back its best solution, and the model still has time to
 * write it out, so the job ends {@code success} on time rather than {@code timed_out} with nothing.
 */
public final class Deadlines {
    /** What a solve leaves before the deadline at least: the answer's way back and the model's writing. */
    static final Duration MIN_RESERVE = Duration.ofSeconds(2);
    /** What a solve gets at least, reserve or not: less would rarely find any solution. */
    static final Duration MIN_SOLVE = Duration.ofSeconds(1);

    private Deadlines() {
    }

    /** Time from {@code now} to {@code deadline}, negative once past; saturated instead of overflowing. */
    static long nanosUntil(Instant deadline, Instant now) {
        try {
            return Duration.between(now, deadline).toNanos();
        } catch (ArithmeticException beyondLong) {
            return deadline.isAfter(now) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /** The longest a solve may take when {@code left} remains before the deadline: {@code left} less the reserve. */
    static Duration solveTime(Duration left) {
        Duration tenth = left.dividedBy(10);
        Duration reserve = tenth.compareTo(MIN_RESERVE) > 0 ? tenth : MIN_RESERVE;
        Duration solve = left.minus(reserve);
        return solve.compareTo(MIN_SOLVE) > 0 ? solve : MIN_SOLVE;
    }

    /** The error of a job stopped at its deadline while it ran. */
    public static String stoppedAt(Instant deadline) {
        return "Stopped at its deadline " + deadline;
    }

    /** The error of a job whose deadline passed before it could start. */
    public static String passedWhileQueued(Instant deadline) {
        return "Its deadline " + deadline + " passed while it was queued: it did not start";
    }

    /** The WARNING line after a solve that the deadline cut short: how long it got and how far it came. */
    static String solveCut(Duration limit, Instant deadline, SolveResult result) {
        String reached;
        if (result.values() == null || !Double.isFinite(result.objective())) {
            reached = "no solution found";
        } else if (!Double.isFinite(result.bestBound())) {
            reached = String.format(Locale.ROOT, "it stopped with objective %s (gap unknown)", number(result.objective()));
        } else {
            double gap = Math.abs(result.objective() - result.bestBound()) / Math.max(Math.abs(result.objective()), 1e-10);
            reached = String.format(Locale.ROOT, "it stopped at gap %.2f %% (objective %s, bound %s)", gap * 100,
                    number(result.objective()), number(result.bestBound()));
        }
        return String.format(Locale.ROOT, "Solve cut to %.1f s for the job's deadline %s; %s",
                limit.toMillis() / 1000.0, deadline, reached);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.6g", value);
    }
}
