package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobInputs;
import com.sandboxopt.core.JobModel;
import com.sandboxopt.core.JobTimes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A job; what it has not reached yet ({@code startedAt}, {@code result}, ...) is null, not left out, and so is the
 * {@code deadline} of a job without one. {@code node} is the node that runs or ran it when several share a PostgreSQL
 * database; {@code scheduleId} and {@code scheduledFor} the schedule firing that started it (null for a job started
 * by hand); {@code publishAs} the data source its output/ becomes when it succeeds; {@code cpuMs} and
 * {@code peakMemoryBytes} what it used once ended, null where not measured (peak memory on GraalPy).
 */
public record JobJson(String jobId, String modelId, String modelName, String modelType, String status, String runtime,
                      String dataSourceId, Map<String, String> dataSources, Map<String, Object> config,
                      String createdAt, String startedAt, String finishedAt, String deadline, Long durationMs, Long cpuMs,
                      Long peakMemoryBytes, String error,
                      Object result, long lineCount, String logFilePath, String node, String scheduleId,
                      String scheduledFor, String publishAs, String owner, int priority, String experimentId) {

    /** The job with its log file, which the job does not carry: {@code sandbox.jobs().logFile(job.id())}. */
    public static JobJson of(Job job, Path logFile) {
        JobModel model = job.model();
        JobInputs inputs = job.inputs();
        JobTimes times = job.times();
        return new JobJson(job.id(), model.id(), model.name(), model.type().name(), job.status().wireName(),
                job.placement().runtime().wireName(), inputs.dataSourceId(), inputs.dataSources(), inputs.config(),
                Times.iso(times.createdAt()), Times.iso(times.startedAt()), Times.iso(times.finishedAt()),
                Times.iso(times.deadline()), times.duration().map(Duration::toMillis).orElse(null), job.usage().cpuMs(),
                job.usage().peakMemoryBytes(), job.error(), job.result(),
                job.outcome().lineCount(), logFile.toString(), job.placement().nodeId(), job.origin().scheduleId(),
                Times.iso(job.origin().scheduledFor()), inputs.publishAs(), job.origin().owner(),
                job.origin().priority(), job.origin().experimentId());
    }
}
