package com.sandboxopt.core.storage;

import com.sandboxopt.core.Metric;
import java.util.List;

/** Where the metric points jobs report are kept. Thread-safe; failures are {@code STORAGE_FAILURE}. */
public interface MetricStore {

    /** Appends a job's metric points, in seq order. */
    void appendMetrics(List<Metric> metrics);

    /** A job's metric points in seq order. */
    List<Metric> readMetrics(String jobId);
}
