package com.sandboxopt.core;

/** How busy the sandbox is: jobs waiting, jobs running, and the configured pool and queue sizes. */
public record QueueStats(int queued, int running, int poolSize, int maxQueueLength) {
}
