package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;

/** The refusal of a job past its user's queued quota, worded the same by both queues. */
public final class QuotaRefusal {
    private QuotaRefusal() {
    }

    /** @throws SandboxException QUOTA_EXCEEDED when the user already has {@code limit} jobs waiting */
    public static void check(String owner, long queued, int limit) {
        if (queued >= limit) {
            throw new SandboxException(ErrorCode.QUOTA_EXCEEDED, owner + " has " + queued + " jobs waiting, the most"
                    + " one user may (queued-jobs-per-user " + limit + "): wait for some to start, or cancel some");
        }
    }
}
