package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobOutcome;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobTimes;
import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.data.ArtifactKeeper;
import com.sandboxopt.core.internal.data.ArtifactShelf;
import com.sandboxopt.core.internal.data.OutputPublisher;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.logs.LogBatchWriter;
import com.sandboxopt.core.internal.logs.LogFile;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.storage.JobStore;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on the calling thread, on the runtime the job names, then records how it ended. It
 * knows nothing of how a runtime runs code: it hands over the job's log and bridge, watches the job,
 * and applies the host's own stop reasons (cancel, time, memory) to what the runtime saw.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Runtimes runtimes;
    private final Solver solver;
    private final JobClock clock = new JobClock();
    private final JobStore storage;
    private final LogBatchWriter writer;
    private final JobListener listeners;
    private final Watchdog watchdog;
    private final Path logDirectory;
    private final ArtifactShelf artifacts;
    private final OutputPublisher publisher;

    public JobRunner(Runtimes runtimes, Solver solver, JobStore storage, LogBatchWriter writer,
                     JobListener listeners, Watchdog watchdog, Path logDirectory, ArtifactShelf artifacts,
                     OutputPublisher publisher) {
        this.artifacts = artifacts;
        this.publisher = publisher;
        this.runtimes = runtimes;
        this.solver = solver;
        this.storage = storage;
        this.writer = writer;
        this.listeners = listeners;
        this.watchdog = watchdog;
        this.logDirectory = logDirectory;
    }

    public Path logFileOf(String jobId) {
        return logDirectory.resolve(jobId + ".log");
    }

    public Runtimes runtimes() {
        return runtimes;
    }

    /**
     * Runs the job with what was prepared for it on its runtime (or nothing, when null), which it
     * then closes. Returns false, leaving {@code prepared} unused, when the job was cancelled while queued.
     */
    public boolean run(JobRun run, ModelRuntime.Prepared prepared) {
        if (!run.start()) {
            return false; // cancelled, or past its deadline, while queued: recorded by whoever ended it
        }
        Job job = run.accepted();
        ModelRuntime runtime = runtimes.get(run.runtime());
        runtime.learnImports(ImportScanner.modules(run.source()));
        JobLog log;
        Outcome outcome;
        try {
            JobRun.Claim claim = run.claim();
            Instant startedAt = claim != null ? claim.at() : Now.instant();
            if (claim == null) {
                storage.markJobRunning(job.id(), startedAt); // a claim from the shared queue marked it already
            }
            listeners.onStarted(new JobStarted(job.id(), job.model().type(), job.model().name(), startedAt,
                    job.placement().runtime()));
            log = new JobLog(job.id(), job.model().type(), run.limits(), new LogFile(logFileOf(job.id())), writer,
                    listeners);
            if (claim != null && claim.note() != null) {
                log.resumeAfter(claim.priorLines());
                log.emit(LogLevel.WARNING, claim.note());
            }
        } catch (Throwable unexpected) { // never let a job take its worker thread down or leave it unfinished
            LOG.error("Job {} could not start", job.id(), unexpected);
            if (prepared != null) {
                prepared.close();
            }
            record(run, Outcome.failed("Internal error: " + unexpected, null), 0);
            return true;
        }
        try {
            outcome = execute(runtime, run, log, prepared);
        } catch (Throwable unexpected) {
            LOG.error("Job {} broke the runner", job.id(), unexpected);
            outcome = Outcome.failed("Internal error: " + unexpected, null);
        }
        if (outcome.status() == JobStatus.SUCCESS && job.inputs().publishAs() != null) {
            String failed = publisher.publish(job.id(), job.origin().owner(), job.inputs().publishAs(),
                    log::emit);
            outcome = failed == null ? outcome : Outcome.failed(failed, outcome.resultJson());
        }
        log.finish();
        record(run, outcome, log.lineCount());
        return true;
    }

    /** Records a job that never started (cancelled, or past its deadline, while queued). */
    public void finishUnstarted(JobRun run, Termination termination) {
        record(run, Outcome.of(termination, null), 0);
    }

    private Outcome execute(ModelRuntime runtime, JobRun run, JobLog log, ModelRuntime.Prepared prepared) {
        Job job = run.accepted();
        StoredMetrics reported = new StoredMetrics(log, listeners);
        GuestSolver solves = new GuestSolver(solver, run, log, reported, clock);
        GuestBridge bridge = new GuestBridge(job.id(), job.model().type(), log, reported, solves);
        watchdog.watch(run);
        try {
            ArtifactKeeper keeper = artifacts.keeperFor(job.id(),
                    Math.min(run.limits().artifactBytes(), run.limits().workingDirectoryBytes()), log::emit);
            return ended(run, runtime.run(run, log, bridge, prepared, keeper));
        } finally {
            run.detach();
            watchdog.unwatch(run);
        }
    }

    /** A stop requested by the host (cancel, time, memory) explains the end better than the exception it caused. */
    private static Outcome ended(JobRun run, Outcome observed) {
        Termination termination = run.termination();
        return termination == null ? observed : Outcome.of(termination, observed.resultJson());
    }

    private void record(JobRun run, Outcome outcome, long lineCount) {
        Job accepted = run.accepted();
        Instant finishedAt = Now.instant();
        Object result = parseResult(accepted.id(), outcome.resultJson());
        JobUsage usage = run.usage();
        Job finalJob = new Job(accepted.id(), accepted.model(), accepted.inputs(), accepted.placement(),
                new JobTimes(accepted.times().createdAt(), null, finishedAt, accepted.times().deadline()),
                new JobOutcome(outcome.status(), outcome.error(), result, lineCount), accepted.origin(), usage);
        if (!usage.equals(JobUsage.unknown())) {
            try { // first: whoever reads the job as ended finds its usage
                storage.recordUsage(accepted.id(), usage);
            } catch (RuntimeException e) { // a figure lost must not keep the job from ending
                LOG.warn("Could not record what job {} used", accepted.id(), e);
            }
        }
        try {
            storage.finishJob(accepted.id(), outcome.status(), finishedAt, outcome.error(), result, lineCount);
            finalJob = storage.findJob(accepted.id()).orElse(finalJob);
        } catch (RuntimeException e) {
            LOG.error("Could not record the end of job {}", accepted.id(), e);
        }
        try {
            if (outcome.status() == JobStatus.SUCCESS) {
                listeners.onCompleted(new JobCompleted(accepted.id(), accepted.model().type(), outcome.status(),
                        finishedAt));
            } else {
                listeners.onFailed(new JobFailed(accepted.id(), accepted.model().type(), outcome.status(),
                        outcome.error(), finishedAt));
            }
        } finally {
            run.finish(finalJob); // after the events, so whoever awaits the job has seen them delivered
        }
    }

    private static Object parseResult(String jobId, String json) {
        try {
            return Json.read(json);
        } catch (RuntimeException e) {
            LOG.warn("Result of job {} is not valid JSON; it is dropped", jobId, e);
            return null;
        }
    }
}
