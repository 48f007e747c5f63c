package com.sandboxopt.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The jobs of a sandbox ({@link Sandbox#jobs()}): run models, follow, cancel and read what they left. */
public interface Jobs {

    /**
     * Accepts a job and returns at once; the job is queued or already running.
     *
     * @throws SandboxException MODEL_NOT_FOUND, MODEL_ARCHIVED, INVALID_ARGUMENT (config not JSON-like, a bad
     *                          alias), DATA_SOURCE_NOT_FOUND, DATA_SOURCE_ARCHIVED, RUNTIME_UNAVAILABLE or QUEUE_FULL
     */
    JobHandle execute(ExecutionRequest request);

    /** @throws SandboxException with {@link ErrorCode#JOB_NOT_FOUND} */
    Job get(String jobId);

    Optional<Job> find(String jobId);

    /** The handle of a job that is queued or running here, or was submitted here and has not ended, if it is. */
    Optional<JobHandle> handle(String jobId);

    /** Jobs matching the query (the latest when null), newest first. */
    List<Job> list(JobQuery query);

    /**
     * Cancels a queued or running job, on whichever node of a shared database runs it; it ends as {@code cancelled}
     * within a second.
     *
     * @throws SandboxException JOB_NOT_FOUND, or JOB_ALREADY_FINISHED with the final status
     */
    void cancel(String jobId);

    /** The job's stored log lines matching the query (all when null). */
    List<LogLine> logs(String jobId, LogQuery query);

    /**
     * The job's stored lines as the text of its log file ({@code [<timestamp>] <LEVEL> <message>} per line), read as
     * the stream is: what any node sharing the database can serve. Close the stream.
     *
     * @throws SandboxException JOB_NOT_FOUND
     */
    InputStream openLog(String jobId);

    /**
     * Where the job's log file is (or will be) under this node's log directory; the file itself is on the node that
     * runs or ran the job, while {@link #openLog} serves its lines on any node.
     */
    Path logFile(String jobId);

    /**
     * The metrics the job reported, in the order reported (at most {@link Metric#MAX_STORED_PER_JOB} points are
     * kept per job; later ones still reach listeners).
     */
    List<Metric> metrics(String jobId);

    /** The files the job left under {@code output/}, by name; empty until it has ended. */
    List<Artifact> artifacts(String jobId);

    /** The artifact's description, as listed. */
    Artifact artifact(String jobId, String name);

    /**
     * Reads one artifact of a job; close the stream.
     *
     * @throws SandboxException JOB_NOT_FOUND or FILE_NOT_FOUND
     */
    InputStream openArtifact(String jobId, String name);
}
