package com.sandboxopt.core.event;

import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import java.time.Instant;

/** A job left the queue and started running, on {@code runtime} (GRAALPY or CPYTHON). */
public record JobStarted(String jobId, ModelType modelType, String modelName, Instant timestamp, RuntimeKind runtime) {
    public JobStarted {
        runtime = runtime == null || runtime == RuntimeKind.AUTO ? RuntimeKind.GRAALPY : runtime;
    }

    /** A job that runs on GraalPy. */
    public JobStarted(String jobId, ModelType modelType, String modelName, Instant timestamp) {
        this(jobId, modelType, modelName, timestamp, RuntimeKind.GRAALPY);
    }
}
