package com.sandboxopt.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An experiment to start: every model version on every input, {@code repetitions} times, each run an ordinary job.
 *
 * @param name        what it is called
 * @param models      the model ids (versions) to compare, at least one
 * @param inputs      the inputs, at least one, names unique
 * @param repetitions runs of each model on each input (1-100)
 * @param baseline    the model the others are compared with; null for the first of {@code models}
 * @param acceptance  the rules each model must keep against the baseline; may be empty
 */
public record ExperimentDraft(String name, List<String> models, List<ExperimentInput> inputs, int repetitions,
                              String baseline, List<AcceptanceRule> acceptance) {
    /** The most runs one experiment may start. */
    public static final int MAX_RUNS = 1_000;

    public ExperimentDraft {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "An experiment needs a name of 1-200 characters");
        }
        models = models == null ? List.of() : List.copyOf(models);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        acceptance = acceptance == null ? List.of() : List.copyOf(acceptance);
        if (models.isEmpty() || inputs.isEmpty()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "An experiment needs at least one model and one"
                    + " input");
        }
        if (new HashSet<>(models).size() != models.size()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "A model is named twice in models");
        }
        Set<String> names = new HashSet<>();
        for (ExperimentInput input : inputs) {
            if (!names.add(input.name())) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Two inputs are named '" + input.name() + "'");
            }
        }
        if (repetitions < 1 || repetitions > 100) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "repetitions must be between 1 and 100, was "
                    + repetitions);
        }
        if ((long) models.size() * inputs.size() * repetitions > MAX_RUNS) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, models.size() + " models x " + inputs.size()
                    + " inputs x " + repetitions + " repetitions is more than " + MAX_RUNS + " runs: split it");
        }
        baseline = baseline == null || baseline.isBlank() ? models.get(0) : baseline.strip();
        if (!models.contains(baseline)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "baseline " + baseline + " is not one of models");
        }
    }
}
