package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.Metric;

/** A stored metric point of a job; {@code step} null when the model gave none. */
public record MetricJson(long seq, String name, double value, Long step, String timestamp) {

    public static MetricJson of(Metric metric) {
        return new MetricJson(metric.seq(), metric.name(), metric.value(), metric.step(), Times.iso(metric.timestamp()));
    }
}
