package com.sandboxopt.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A submitted job: watch it, wait for it, cancel it. Thread-safe. */
public interface JobHandle {
    String jobId();

    /** The current status, without touching the database. */
    JobStatus status();

    /** Completes with the final job once it has ended (its log lines are stored by then). */
    CompletableFuture<Job> completion();

    /**
     * Waits for the job to end.
     *
     * @throws SandboxException with {@link ErrorCode#RUNTIME_FAILURE} if it did not end in time
     */
    Job await(Duration timeout);

    /** Asks the job to stop; it ends as {@code cancelled} within a second. No-op once ended. */
    void cancel();
}
