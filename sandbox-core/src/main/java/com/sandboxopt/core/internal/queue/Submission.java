package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.internal.data.JobData;

/** An accepted job as {@code execute} hands it to the queue: the job as stored, its model, limits and data. */
public record Submission(Job job, Model model, Limits limits, JobData data) {
}
