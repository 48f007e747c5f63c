package com.sandboxopt.core.internal.experiments;

import com.sandboxopt.core.AcceptanceRule;
import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.ExperimentDraft;
import com.sandboxopt.core.ExperimentInput;
import com.sandboxopt.core.ExperimentResult;
import com.sandboxopt.core.ExperimentRun;
import com.sandboxopt.core.JobStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Works out an experiment's summary, verdicts and reproducibility from its runs. */
final class Summaries {
    /** What the summary says. */
    record Summary(String status, List<ExperimentResult> rows, Boolean passed, Boolean reproducible,
                   String difference, List<String> failures) {
    }

    private Summaries() {
    }

    static Summary of(ExperimentDraft draft, List<ExperimentRun> runs, boolean cancelled) {
        boolean running = runs.stream().anyMatch(run -> !run.status().isFinal());
        String status = cancelled ? Experiment.CANCELLED : running ? Experiment.RUNNING : Experiment.COMPLETED;
        List<ExperimentResult> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String model : draft.models()) {
            for (ExperimentInput input : draft.inputs()) {
                List<ExperimentRun> mine = succeeded(runs, model, input.name());
                List<ExperimentRun> base = succeeded(runs, draft.baseline(), input.name());
                Set<String> metrics = new TreeSet<>();
                mine.forEach(run -> metrics.addAll(run.metrics().keySet()));
                base.forEach(run -> metrics.addAll(run.metrics().keySet()));
                for (String metric : metrics) {
                    rows.add(row(draft, model, input.name(), metric, median(mine, metric), median(base, metric),
                            running, failures));
                }
            }
        }
        Boolean passed = null;
        if (!running && rows.stream().anyMatch(r -> !ExperimentResult.NOT_APPLICABLE.equals(r.verdict()))) {
            passed = failures.isEmpty();
        }
        String difference = running || draft.repetitions() < 2 ? null : firstDifference(draft, runs);
        Boolean reproducible = running || draft.repetitions() < 2 ? null : difference == null;
        return new Summary(status, rows, passed, reproducible, difference, failures);
    }

    private static ExperimentResult row(ExperimentDraft draft, String model, String input, String metric, Double value,
                                        Double baseline, boolean running, List<String> failures) {
        Double delta = value == null || baseline == null ? null : value - baseline;
        Double relative = delta == null || baseline == 0 ? null : delta / Math.abs(baseline);
        AcceptanceRule rule = draft.acceptance().stream().filter(r -> r.metric().equals(metric)).findFirst()
                .orElse(null);
        String verdict = ExperimentResult.NOT_APPLICABLE;
        if (rule != null && baseline != null && !(running && value == null)) {
            boolean pass = value != null && rule.passes(value, baseline);
            verdict = pass ? ExperimentResult.PASS : ExperimentResult.FAIL;
            if (!pass) {
                failures.add(metric + " on input " + input + ": model " + model + " has " + (value == null
                        ? "no value (no run succeeded)" : format(value)) + " against the baseline's " + format(baseline)
                        + " (" + rule.direction().wireName() + ", tolerance " + format(rule.tolerance()) + ")");
            }
        }
        return new ExperimentResult(model, input, metric, value, baseline, delta, relative, verdict);
    }

    private static List<ExperimentRun> succeeded(List<ExperimentRun> runs, String model, String input) {
        return runs.stream().filter(run -> run.modelId().equals(model) && run.input().equals(input)
                && run.status() == JobStatus.SUCCESS).toList();
    }

    private static Double median(List<ExperimentRun> runs, String metric) {
        double[] values = runs.stream().map(run -> run.metrics().get(metric)).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return null;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The first result key whose value differs between repetitions of one model on one input; null when none. */
    private static String firstDifference(ExperimentDraft draft, List<ExperimentRun> runs) {
        for (String model : draft.models()) {
            for (ExperimentInput input : draft.inputs()) {
                List<ExperimentRun> mine = succeeded(runs, model, input.name());
                if (mine.size() < 2) {
                    continue;
                }
                Map<String, Object> first = RunMetrics.leaves(mine.get(0).result());
                for (ExperimentRun other : mine.subList(1, mine.size())) {
                    Map<String, Object> next = RunMetrics.leaves(other.result());
                    Set<String> keys = new TreeSet<>(first.keySet());
                    keys.addAll(next.keySet());
                    for (String key : keys) {
                        if (!Objects.equals(first.get(key), next.get(key))) {
                            return key + " (model " + model + ", input " + input.name() + ": " + first.get(key)
                                    + " in repetition " + mine.get(0).repetition() + ", " + next.get(key)
                                    + " in repetition " + other.repetition() + ")";
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
