package com.sandboxopt.core.internal.solving;

import static com.sandboxopt.core.internal.solving.ProblemReader.NO_TIME_LIMIT;
import static com.sandboxopt.core.internal.solving.ProblemValues.expect;
import static com.sandboxopt.core.internal.solving.ProblemValues.number;
import static com.sandboxopt.core.internal.solving.ProblemValues.text;
import static com.sandboxopt.core.internal.solving.ProblemValues.truthy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sandboxopt.core.solver.SolverOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the problem's {@code options}: how to solve it rather than what to solve, under PuLP's names
 * (msg, timeLimit, gapRel, mip, threads), so that the PuLP adapter passes them on as they are. A None
 * leaves an option at its default, as in PuLP.
 */
final class OptionsReader {
    private OptionsReader() {
    }

    /** The options of a problem that gives none. */
    static SolverOptions defaults(String defaultBackend) {
        return new SolverOptions(defaultBackend, true, NO_TIME_LIMIT, null, false, 0);
    }

    /** Reads the options dict the parser stands on; a solver must be one of {@code backends}. */
    static SolverOptions read(JsonParser p, Set<String> backends, String defaultBackend) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "options");
        String backend = defaultBackend;
        boolean log = true;
        Duration timeLimit = NO_TIME_LIMIT;
        Double gap = null;
        boolean mip = true;
        int threads = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            boolean isNull = p.currentToken() == JsonToken.VALUE_NULL;
            switch (key) {
                case "solver" -> backend = isNull ? defaultBackend : backend(text(p, "options.solver"), backends);
                case "msg" -> log = isNull || truthy(p);
                case "timeLimit" -> timeLimit = isNull ? NO_TIME_LIMIT : seconds(number(p, "options.timeLimit"));
                case "gapRel" -> gap = isNull ? null : nonNegative(number(p, "options.gapRel"), "options.gapRel");
                case "mip" -> mip = isNull || truthy(p);
                case "threads" -> threads = isNull ? 0 : (int) nonNegative(number(p, "options.threads"), "options.threads");
                default -> throw new ProblemException("sandbox.solve: unknown option '" + key
                        + "' (expected solver, msg, timeLimit, gapRel, mip, threads)");
            }
        }
        return new SolverOptions(backend, log, timeLimit, gap, !mip, threads);
    }

    private static String backend(String requested, Set<String> backends) {
        String lower = requested.toLowerCase(Locale.ROOT);
        if (!backends.contains(lower)) {
            throw new ProblemException("sandbox.solve: unknown solver '" + requested + "'; this sandbox has " + backends);
        }
        return lower;
    }

    private static Duration seconds(double seconds) {
        if (!(seconds > 0)) {
            throw new ProblemException("sandbox.solve: options.timeLimit must be a positive number of seconds, was " + seconds);
        }
        return seconds >= NO_TIME_LIMIT.toSeconds() ? NO_TIME_LIMIT : Duration.ofNanos((long) (seconds * 1e9));
    }

    private static double nonNegative(double value, String where) {
        if (!(value >= 0)) {
            throw new ProblemException("sandbox.solve: " + where + " must be 0 or more, was " + value);
        }
        return value;
    }
}
