package com.sandboxopt.core;

/**
 * Where a job runs: on which Python runtime and, when several nodes share a PostgreSQL database, on which node.
 *
 * @param runtime {@link RuntimeKind#GRAALPY} or {@link RuntimeKind#CPYTHON} (null and AUTO mean GraalPy)
 * @param nodeId  the node that runs or ran it when several share a PostgreSQL database; null otherwise and while it
 *                is queued
 */
public record JobPlacement(RuntimeKind runtime, String nodeId) {
    public JobPlacement {
        runtime = runtime == null || runtime == RuntimeKind.AUTO ? RuntimeKind.GRAALPY : runtime;
    }

    /** A job on {@code runtime} that no node has claimed yet (or of a database of its own). */
    public static JobPlacement on(RuntimeKind runtime) {
        return new JobPlacement(runtime, null);
    }
}
