package com.sandboxopt.core.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where jobs and their log lines are kept. Thread-safe; failures are {@code STORAGE_FAILURE}. */
public interface JobStore {

    /** Stores a newly accepted job (status queued). */
    void insertJob(Job job);

    void markJobRunning(String jobId, Instant startedAt);

    /** Records how a job ended. */
    void finishJob(String jobId, JobStatus status, Instant finishedAt, String error, Object result, long lineCount);

    /**
     * Records what a job used (its CPU time and peak memory), once its code ended and before {@link #finishJob}, so
     * that a job read as ended carries it. A storage that keeps no usage may ignore it: its jobs then read
     * {@link JobUsage#unknown()}.
     */
    default void recordUsage(String jobId, JobUsage usage) {
    }

    Optional<Job> findJob(String jobId);

    /** Jobs matching the query, newest first. */
    List<Job> listJobs(JobQuery query);

    /** Marks every queued or running job as failed with the given error; returns how many. */
    int failUnfinishedJobs(String error, Instant at);

    /** Appends log lines in one transaction; lines of one job arrive in seq order. */
    void appendLogs(List<LogLine> lines);

    /** Log lines of a job matching the query, in seq order. */
    List<LogLine> readLogs(String jobId, LogQuery query);
}
