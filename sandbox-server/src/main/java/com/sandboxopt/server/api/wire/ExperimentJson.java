package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.ExperimentInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment on the wire: its definition, status, runs (one job each) and summary against the baseline, with
 * {@code passed}, {@code reproducible} and what differed or failed.
 */
public record ExperimentJson(String id, String name, String status, String owner, String createdAt,
                             List<String> models, List<Map<String, Object>> inputs, int repetitions, String baseline,
                             List<Map<String, Object>> acceptance, List<RunJson> runs, List<SummaryJson> summary,
                             Boolean passed, Boolean reproducible, String difference, List<String> failures) {

    /** One run: a model on an input, one repetition, its job and what it measured. */
    public record RunJson(String modelId, String input, int repetition, String jobId, String status, Long durationMs,
                          Map<String, Double> metrics) {
    }

    /** One cell of the summary. */
    public record SummaryJson(String modelId, String input, String metric, Double value, Double baseline, Double delta,
                              Double relative, String verdict) {
    }

    public static ExperimentJson of(Experiment e) {
        List<Map<String, Object>> inputs = e.definition().inputs().stream().map(ExperimentJson::input).toList();
        List<Map<String, Object>> rules = e.definition().acceptance().stream().map(rule -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("metric", rule.metric());
            json.put("direction", rule.direction().wireName());
            json.put("tolerance", rule.tolerance());
            return json;
        }).toList();
        return new ExperimentJson(e.id(), e.name(), e.status(), e.owner(), Times.iso(e.createdAt()),
                e.definition().models(), inputs, e.definition().repetitions(), e.definition().baseline(), rules,
                e.runs().stream().map(r -> new RunJson(r.modelId(), r.input(), r.repetition(), r.jobId(),
                        r.status().wireName(), r.durationMs(), r.metrics())).toList(),
                e.summary().stream().map(s -> new SummaryJson(s.modelId(), s.input(), s.metric(), s.value(),
                        s.baseline(), s.delta(), s.relative(), s.verdict())).toList(),
                e.passed(), e.reproducible(), e.difference(), e.failures());
    }

    private static Map<String, Object> input(ExperimentInput input) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", input.name());
        json.put("dataSourceId", input.dataSourceId());
        json.put("dataSources", input.dataSources());
        json.put("config", input.config());
        return json;
    }
}
