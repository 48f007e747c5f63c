package com.sandboxopt.server.api.wire;

import java.util.List;

/** A job's stored metric points in the order reported. */
public record MetricsAnswer(boolean success, String jobId, List<MetricJson> metrics) {
    public MetricsAnswer(String jobId, List<MetricJson> metrics) {
        this(true, jobId, metrics);
    }
}
