package com.sandboxopt.core.event;

import com.sandboxopt.core.ModelType;
import java.time.Instant;

/** The model reported a named number, such as the objective per iteration; {@code step} may be null. */
public record MetricEvent(String jobId, ModelType modelType, String name, double value, Long step, Instant timestamp) {
}
