package com.sandboxopt.core.internal.experiments;

import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.Metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured: the numbers of its result, the last value of each metric it reported, and what the sandbox
 * measured of it: its duration, CPU time and peak memory (each only when known: GraalPy has no peak memory of a job).
 */
final class RunMetrics {
    static final String DURATION = "duration_ms";
    static final String CPU = "cpu_ms";
    static final String PEAK_MEMORY = "peak_memory_bytes";

    private RunMetrics() {
    }

    static Map<String, Double> of(Object result, List<Metric> reported, Long durationMs, JobUsage usage) {
        Map<String, Double> metrics = new TreeMap<>();
        numbers("", result, metrics);
        for (Metric metric : reported) {
            if (Double.isFinite(metric.value())) {
                metrics.put(metric.name(), metric.value()); // points come in order: the last one stays
            }
        }
        if (durationMs != null) {
            metrics.put(DURATION, durationMs.doubleValue());
        }
        if (usage.cpuMs() != null) {
            metrics.put(CPU, usage.cpuMs().doubleValue());
        }
        if (usage.peakMemoryBytes() != null) {
            metrics.put(PEAK_MEMORY, usage.peakMemoryBytes().doubleValue());
        }
        return metrics;
    }

    /** Every number of a JSON-like value, nested keys joined with dots; lists are left out (a row each would flood). */
    private static void numbers(String prefix, Object value, Map<String, Double> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> numbers(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, inner,
                    into));
        } else if (value instanceof Number number && !prefix.isEmpty() && Double.isFinite(number.doubleValue())) {
            into.put(prefix, number.doubleValue());
        }
    }

    /** Every leaf of a JSON-like value by its path (lists by index), for comparing results key by key. */
    static Map<String, Object> leaves(Object value) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        leaves("", value, leaves);
        return leaves;
    }

    private static void leaves(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>(); // values may be null (JSON null), which toMap refuses
            map.forEach((key, inner) -> sorted.put(String.valueOf(key), inner));
            sorted.forEach((key, inner) -> leaves(prefix.isEmpty() ? key : prefix + "." + key, inner, into));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                leaves(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, list.get(i), into);
            }
        } else {
            into.put(prefix.isEmpty() ? "(result)" : prefix, value instanceof Number n ? n.doubleValue() : value);
        }
    }
}
