package com.sandboxopt.core.internal.solving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes what {@code sandbox.solve} returns: status, objective, best bound, and per name the
 * values, reduced costs, duals and constraint activities (each only when known), plus timings.
 * Infinite numbers are written as {@code Infinity}, which Python's json reads; unknown ones as null.
 */
public final class AnswerWriter {
    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private AnswerWriter() {
    }

    public static String write(LinearProblem problem, SolveResult result, String backend) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("status", result.status().wireName());
            if (result.message() != null) {
                out.writeStringField("message", result.message());
            }
            out.writeStringField("solver", backend);
            number(out, "objective", result.objective());
            number(out, "bestBound", result.bestBound());
            List<LinearProblem.Constraint> constraints = problem.constraints();
            List<String> variableNames = problem.variables().stream().map(LinearProblem.Variable::name).toList();
            List<String> constraintNames = constraints.stream().map(LinearProblem.Constraint::name).toList();
            byName(out, "values", variableNames, result.values());
            byName(out, "reducedCosts", variableNames, result.reducedCosts());
            byName(out, "duals", constraintNames, result.duals());
            byName(out, "activities", constraintNames, activities(constraints, result.values()));
            out.writeNumberField("solveSeconds", result.solveTime().toNanos() / 1e9);
            out.writeNumberField("cpuSeconds", result.cpuTime().toNanos() / 1e9);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** An error the guest raises: {@code kind} is the Python exception type. */
    public static String error(String kind, String message) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("error", message);
            out.writeStringField("kind", kind);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static double[] activities(List<LinearProblem.Constraint> constraints, double[] values) {
        if (values == null) {
            return null;
        }
        double[] activities = new double[constraints.size()];
        for (int i = 0; i < activities.length; i++) {
            LinearProblem.Constraint row = constraints.get(i);
            double sum = 0;
            for (int k = 0; k < row.variables().length; k++) {
                sum += row.coefficients()[k] * values[row.variables()[k]];
            }
            activities[i] = sum;
        }
        return activities;
    }

    private static void byName(JsonGenerator out, String field, List<String> names, double[] numbers) throws IOException {
        if (numbers == null) {
            out.writeNullField(field);
            return;
        }
        out.writeObjectFieldStart(field);
        for (int i = 0; i < names.size(); i++) {
            out.writeFieldName(names.get(i));
            out.writeNumber(numbers[i]);
        }
        out.writeEndObject();
    }

    private static void number(JsonGenerator out, String field, double value) throws IOException {
        if (Double.isNaN(value)) {
            out.writeNullField(field);
        } else {
            out.writeNumberField(field, value);
        }
    }
}
