package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.SandboxException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** {@link com.sandboxopt.core.JobHandle#await} for every kind of handle: the failures say which job and why. */
public final class JobAwait {
    private JobAwait() {
    }

    public static Job await(String jobId, CompletableFuture<Job> completion, Duration timeout, Supplier<JobStatus> status) {
        try {
            return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE,
                    "Job " + jobId + " did not end within " + timeout + " (still " + status.get().wireName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Interrupted while waiting for job " + jobId, e);
        } catch (ExecutionException e) {
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Job " + jobId + " broke: " + e.getCause(), e.getCause());
        }
    }
}
