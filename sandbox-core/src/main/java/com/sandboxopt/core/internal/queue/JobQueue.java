package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.event.JobListener;
import java.util.Optional;

/**
 * Where accepted jobs wait for a job thread: this process's own ({@link LocalQueue}, a database of its own), or
 * one shared by every node on a PostgreSQL database ({@code shared.SharedQueue}), chosen once when the sandbox
 * is built ({@code SandboxParts}). Opened before the job runner, since the runner sends its events through it;
 * started once the scheduler exists; closed in two steps around the scheduler.
 */
public interface JobQueue {

    /** Where the runner sends the events of the jobs this process runs. */
    JobListener events();

    /** Begins handing jobs to the scheduler. */
    void start(QueueServices services);

    /**
     * Queues an accepted job; the handle completes when it ends, wherever it runs.
     *
     * @throws com.sandboxopt.core.SandboxException QUEUE_FULL when too many jobs wait
     */
    JobHandle submit(Submission submission);

    /** The handle of a job submitted here or running here that has not ended. */
    Optional<JobHandle> handle(String jobId);

    /** Cancels a queued or running job, wherever it is; false when no such job is queued or running. */
    boolean cancel(String jobId);

    /** Jobs running here and jobs waiting (on every node of a shared queue). */
    QueueStats stats();

    /** This node's name among the nodes sharing the queue; empty for a queue of its own. */
    Optional<String> nodeId();

    /** Stops taking jobs, so that every job taken so far is in the scheduler the caller closes next. */
    void stopTaking();

    /** Leaves the queue once the scheduler has closed and the last lines are stored. */
    void close();
}
