package com.sandboxopt.core.internal.queue.shared;

import java.time.Duration;

/**
 * How this node shares a PostgreSQL queue with others.
 *
 * @param nodeId  this node's name among them; a restarted node with the same id fails its own unfinished jobs
 * @param timeout silence after which a node is taken for stopped and its running jobs are ended
 * @param requeue a stopped node's running job is queued again once instead of failing
 */
public record ClusterSettings(String nodeId, Duration timeout, boolean requeue) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Heartbeats come five times per timeout, so one late beat never makes a node look stopped. */
    Duration heartbeat() {
        return Duration.ofMillis(Math.max(200, timeout.toMillis() / 5));
    }
}
