package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.JobStatus;

/** Why the host stopped a job: cancel, a time limit or the memory guard. */
public record Termination(JobStatus status, String error) {
}
