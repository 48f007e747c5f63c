package com.sandboxopt.core.internal.queue;

/**
 * Fair shares per user; 0 means no limit.
 *
 * @param runningPerUser jobs of one user running at once; more of them wait while others' jobs go first
 * @param queuedPerUser  jobs of one user waiting; past it execute is refused with QUOTA_EXCEEDED
 */
public record Quotas(int runningPerUser, int queuedPerUser) {
    public static final Quotas NONE = new Quotas(0, 0);
}
