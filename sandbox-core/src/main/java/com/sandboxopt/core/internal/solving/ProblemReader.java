package com.sandboxopt.core.internal.solving;

import static com.sandboxopt.core.internal.solving.ProblemValues.bool;
import static com.sandboxopt.core.internal.solving.ProblemValues.bound;
import static com.sandboxopt.core.internal.solving.ProblemValues.expect;
import static com.sandboxopt.core.internal.solving.ProblemValues.number;
import static com.sandboxopt.core.internal.solving.ProblemValues.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveRequest;
import com.sandboxopt.core.solver.SolverOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the problem a job passes to {@code sandbox.solve} (the format is in docs/PULP.md, "Without PuLP: sandbox.solve"),
 * streaming, so that a large problem never exists as a JSON tree and one over the size limit is
 * refused as soon as the limit is passed. Sections may come in any order: a variable gets its index
 * when it is first named, and every name must be declared under {@code variables} by the end. The
 * {@code options} section is {@link OptionsReader}'s, and each single value is read by {@link ProblemValues}.
 */
public final class ProblemReader {
    /** The time limit when the job sets none: the sandbox replaces it with the job's remaining time. */
    public static final Duration NO_TIME_LIMIT = Duration.ofDays(36_500);
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final long maxSize;
    private final Set<String> backends;
    private final String defaultBackend;
    private final VariableTable variables = new VariableTable();
    private final List<LinearProblem.Constraint> constraints = new ArrayList<>();
    private long size;
    private String name = "problem";
    private boolean maximize;
    private double objectiveConstant;
    private SolverOptions options;

    private ProblemReader(long maxSize, Set<String> backends, String defaultBackend) {
        this.maxSize = maxSize;
        this.backends = backends;
        this.defaultBackend = defaultBackend;
    }

    /** @throws ProblemException naming what is wrong */
    public static SolveRequest read(String json, long maxSize, Set<String> backends, String defaultBackend) {
        ProblemReader reader = new ProblemReader(maxSize, backends, defaultBackend);
        try (JsonParser parser = JSON.createParser(json)) {
            reader.readTop(parser);
        } catch (IOException e) {
            throw new ProblemException("sandbox.solve: the problem is not valid JSON: " + e.getMessage());
        }
        return reader.build();
    }

    private void readTop(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "the problem");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = text(p, "name");
                case "sense" -> maximize = sense(text(p, "sense"));
                case "variables" -> readVariables(p);
                case "objective" -> readObjective(p);
                case "objectiveConstant" -> objectiveConstant = number(p, "objectiveConstant");
                case "constraints" -> readConstraints(p);
                case "options" -> options = OptionsReader.read(p, backends, defaultBackend);
                default -> throw new ProblemException("sandbox.solve: unknown key '" + field + "' (expected name, sense, "
                        + "variables, objective, objectiveConstant, constraints, options)");
            }
        }
    }

    private static boolean sense(String sense) {
        return switch (sense.toLowerCase(Locale.ROOT)) {
            case "minimize", "min" -> false;
            case "maximize", "max" -> true;
            default -> throw new ProblemException("sandbox.solve: sense must be 'minimize' or 'maximize', was '" + sense + "'");
        };
    }

    private void readVariables(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "variables (a dict of name -> {lower, upper, integer})");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String variable = p.currentName();
            int i = variables.indexOf(variable);
            if (!variables.declare(i)) {
                throw new ProblemException("sandbox.solve: variable '" + variable + "' is declared twice");
            }
            grow(1);
            expect(p.nextToken(), JsonToken.START_OBJECT, "variable '" + variable + "'");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "lower" -> variables.lower(i, bound(p, Double.NEGATIVE_INFINITY, "variable '" + variable + "' lower"));
                    case "upper" -> variables.upper(i, bound(p, Double.POSITIVE_INFINITY, "variable '" + variable + "' upper"));
                    case "integer" -> variables.integer(i, bool(p, "variable '" + variable + "' integer"));
                    default -> throw new ProblemException("sandbox.solve: variable '" + variable + "' has an unknown key '"
                            + key + "' (expected lower, upper, integer)");
                }
            }
            if (variables.lower(i) == Double.POSITIVE_INFINITY || variables.upper(i) == Double.NEGATIVE_INFINITY) {
                throw new ProblemException("sandbox.solve: variable '" + variable + "' has an infinite lower bound above "
                        + "or upper bound below every number (lower " + variables.lower(i) + ", upper " + variables.upper(i) + ")");
            }
            if (variables.lower(i) > variables.upper(i)) {
                throw new ProblemException("sandbox.solve: variable '" + variable + "' has lower bound " + variables.lower(i)
                        + " above its upper bound " + variables.upper(i));
            }
        }
    }

    private void readObjective(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "objective (a dict of variable name -> coefficient)");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String variable = p.currentName();
            int i = variables.indexOf(variable);
            p.nextToken();
            variables.addObjective(i, number(p, "objective coefficient of '" + variable + "'"));
        }
    }

    private void readConstraints(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "constraints (a dict of name -> {coefficients, sense, rhs})");
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String constraint = p.currentName();
            if (!seen.add(constraint)) {
                throw new ProblemException("sandbox.solve: constraint '" + constraint + "' is given twice");
            }
            grow(1);
            constraints.add(readConstraint(p, constraint));
        }
    }

    private LinearProblem.Constraint readConstraint(JsonParser p, String constraint) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "constraint '" + constraint + "'");
        RowBuilder row = new RowBuilder();
        String sense = null;
        Double rhs = null;
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        boolean ranged = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            String where = "constraint '" + constraint + "' " + key;
            switch (key) {
                case "coefficients" -> {
                    expect(p.currentToken(), JsonToken.START_OBJECT, where + " (a dict of variable name -> coefficient)");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        int variable = variables.indexOf(p.currentName());
                        p.nextToken();
                        row.add(variable, number(p, where));
                        grow(1);
                    }
                }
                case "sense" -> sense = text(p, where);
                case "rhs" -> rhs = number(p, where);
                case "lower" -> {
                    lower = bound(p, Double.NEGATIVE_INFINITY, where);
                    ranged = true;
                }
                case "upper" -> {
                    upper = bound(p, Double.POSITIVE_INFINITY, where);
                    ranged = true;
                }
                default -> throw new ProblemException("sandbox.solve: constraint '" + constraint + "' has an unknown key '"
                        + key + "' (expected coefficients with sense and rhs, or lower and upper)");
            }
        }
        if (sense != null || rhs != null) {
            if (ranged || sense == null || rhs == null) {
                throw new ProblemException("sandbox.solve: constraint '" + constraint
                        + "' needs either sense and rhs, or lower and/or upper");
            }
            switch (sense) {
                case "<=" -> upper = rhs;
                case ">=" -> lower = rhs;
                case "==", "=" -> {
                    lower = rhs;
                    upper = rhs;
                }
                default -> throw new ProblemException("sandbox.solve: constraint '" + constraint + "' sense must be '<=', '>=' or '==', was '" + sense + "'");
            }
        } else if (!ranged) {
            throw new ProblemException("sandbox.solve: constraint '" + constraint + "' needs sense and rhs, or lower and/or upper");
        }
        return row.build(constraint, lower, upper);
    }

    private void grow(long by) {
        size += by;
        if (size > maxSize) {
            throw new ProblemException("sandbox.solve: the problem is too large: more than " + String.format("%,d", maxSize)
                    + " variables + constraints + nonzero coefficients (Limits.maxProblemSize)");
        }
    }

    private SolveRequest build() {
        LinearProblem problem = new LinearProblem(name, maximize, objectiveConstant, variables.build(), constraints);
        SolverOptions chosen = options != null ? options : OptionsReader.defaults(defaultBackend);
        return new SolveRequest(problem, chosen);
    }
}
