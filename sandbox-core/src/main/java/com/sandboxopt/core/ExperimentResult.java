package com.sandboxopt.core;

/**
 * One cell of an experiment's summary: a model on an input, one metric, against the baseline.
 *
 * @param value    the median over its successful repetitions; null when none succeeded or it has no such metric
 * @param baseline the baseline model's value on the same input; null when it has none
 * @param delta    {@code value - baseline}; null when either is missing
 * @param relative {@code delta / |baseline|}; null when either is missing or the baseline is 0
 * @param verdict  {@code pass} or {@code fail} by the rule on this metric; {@code n/a} without a rule or a value
 */
public record ExperimentResult(String modelId, String input, String metric, Double value, Double baseline,
                               Double delta, Double relative, String verdict) {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String NOT_APPLICABLE = "n/a";
}
