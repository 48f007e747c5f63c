package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.internal.Json;
import com.sandboxopt.core.internal.events.Listeners;
import com.sandboxopt.core.internal.files.WorkArea;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.logs.LogBatchWriter;
import com.sandboxopt.core.internal.logs.LogFile;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.storage.SandboxStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on the calling thread, which owns the job's context from creation to close (closing
 * from another thread can hang once {@code threading} was imported), then records how it ended.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final Source FLUSH = Source.create(PythonRuntime.LANGUAGE,
            "import sys\nsys.stdout.flush()\nsys.stderr.flush()");

    private final PythonRuntime runtime;
    private final WorkArea work;
    private final Solver solver;
    private final JobClock clock = new JobClock();
    private final ImportPlan imports;
    private final AtomicBoolean preImportFailureReported = new AtomicBoolean();
    private final SandboxStorage storage;
    private final LogBatchWriter writer;
    private final Listeners listeners;
    private final Watchdog watchdog;
    private final Path logDirectory;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public JobRunner(PythonRuntime runtime, WorkArea work, Solver solver, List<String> preImports, boolean learnImports,
                     SandboxStorage storage, LogBatchWriter writer, Listeners listeners, Watchdog watchdog,
                     Path logDirectory) {
        this.runtime = runtime;
        this.work = work;
        this.solver = solver;
        this.imports = new ImportPlan(preImports, learnImports);
        this.storage = storage;
        this.writer = writer;
        this.listeners = listeners;
        this.watchdog = watchdog;
        this.logDirectory = logDirectory;
    }

    public Path logFileOf(String jobId) {
        return logDirectory.resolve(jobId + ".log");
    }

    /** A context made ready on the calling thread for the next job, or null when that failed. */
    WarmContext prepareContext() {
        try {
            return newContext();
        } catch (RuntimeException e) {
            LOG.warn("Could not prepare a Python context ahead of time; the next job creates its own", e);
            return null;
        }
    }

    private WarmContext newContext() {
        for (int attempt = 1; attempt < 3; attempt++) {
            WarmContext context = WarmContext.create(runtime, work);
            try {
                if (!topUp(context)) {
                    return context;
                }
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            context.close(); // an import broke it; that module is not imported ahead any more
        }
        return WarmContext.create(runtime, work);
    }

    /**
     * Imports into an idle context what the plan now wants and it lacks (on the context's thread).
     * Returns true when an import broke the context, which must then be closed.
     */
    boolean topUp(WarmContext context) {
        WarmContext.Imports result = context.importMissing(imports.modules());
        if (result.failed().isEmpty()) {
            return false;
        }
        imports.failed(result.failed().keySet());
        Map<String, String> configured = new LinkedHashMap<>(result.failed());
        configured.keySet().removeIf(module -> !imports.isConfigured(module));
        if (!configured.isEmpty() && preImportFailureReported.compareAndSet(false, true)) {
            LOG.warn("These pre-imported modules could not be imported and are skipped (check preImports): {}", configured);
        }
        if (result.broken()) {
            LOG.warn("Importing {} ahead stopped its Python context with an internal error ({}); it is no longer imported ahead",
                    result.brokenBy(), result.failed().get(result.brokenBy()));
        }
        return result.broken();
    }

    /** Notes the modules a model imports, so that contexts prepared from now on have them imported. */
    public void learnImports(String source) {
        imports.learn(ImportScanner.modules(source));
    }

    /**
     * Runs the job in the given warm context (or a new one when null), which it then closes.
     * Returns false, leaving the context unused, when the job was cancelled while queued.
     */
    boolean run(JobRun run, WarmContext warm) {
        if (!run.start(Thread.currentThread(), threads.getCurrentThreadCpuTime())) {
            return false; // cancelled while queued; the canceller recorded it
        }
        Job job = run.accepted();
        learnImports(run.source());
        JobLog log;
        Outcome outcome;
        try {
            Instant startedAt = Instant.now();
            storage.markJobRunning(job.id(), startedAt);
            listeners.onStarted(new JobStarted(job.id(), job.modelType(), job.modelName(), startedAt));
            log = new JobLog(job.id(), job.modelType(), run.limits(), new LogFile(logFileOf(job.id())), writer, listeners);
        } catch (Throwable unexpected) { // never let a job take its worker thread down or leave it unfinished
            LOG.error("Job {} could not start", job.id(), unexpected);
            if (warm != null) {
                warm.close();
            }
            record(run, Outcome.failed("Internal error: " + unexpected, null), 0);
            return true;
        }
        try {
            outcome = execute(run, log, warm);
        } catch (Throwable unexpected) {
            LOG.error("Job {} broke the runner", job.id(), unexpected);
            outcome = Outcome.failed("Internal error: " + unexpected, null);
        }
        log.finish();
        record(run, outcome, log.lineCount());
        return true;
    }

    /** Records a job that never started (cancelled while queued). */
    void finishUnstarted(JobRun run, Termination termination) {
        record(run, Outcome.of(termination, null), 0);
    }

    private Outcome execute(JobRun run, JobLog log, WarmContext warm) {
        Job job = run.accepted();
        GuestSolver solves = new GuestSolver(solver, run, log, listeners, clock);
        GuestBridge bridge = new GuestBridge(job.id(), job.modelType(), log, listeners, solves);
        watchdog.watch(run);
        try (WarmContext ready = warm != null ? warm : newContext()) {
            ready.bind(log.stdout(), log.stderr());
            ready.files().limit(run.limits().workingDirectoryBytes(), message -> log.emit(LogLevel.WARNING, message));
            Context context = ready.context();
            run.attach(context);
            Value formatException = ready.setUp(bridge, job.id(), job.modelType().name(), Json.write(job.config()),
                    job.dataSourceId(), run.fileName(), run.source());
            try {
                context.eval(ModelSources.of(run.source(), run.fileName()));
                context.eval(FLUSH);
                return ended(run, Outcome.success(bridge.resultJson()));
            } catch (PolyglotException e) {
                return ended(run, classify(e, formatException, log, bridge));
            }
        } catch (PolyglotException | IllegalStateException e) {
            return ended(run, Outcome.failed("The job could not run: " + e.getMessage(), bridge.resultJson()));
        } catch (OutOfMemoryError e) {
            return ended(run, Outcome.failed("memory limit: the JVM ran out of heap while this job ran", null));
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

    private static Outcome classify(PolyglotException e, Value formatException, JobLog log, GuestBridge bridge) {
        String result = bridge.resultJson();
        if (e.isExit()) {
            int code = e.getExitStatus();
            return code == 0 ? Outcome.success(result)
                    : Outcome.failed("The model exited with status " + code + " (sys.exit(" + code + "))", result);
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return Outcome.failed("The job was stopped", result);
        }
        if (e.isResourceExhausted()) {
            return Outcome.failed("memory limit: " + e.getMessage(), result);
        }
        if (!e.isGuestException()) {
            log.emit(LogLevel.ERROR, "Internal error: " + e.getMessage());
            return Outcome.failed("Internal error: " + e.getMessage(), result);
        }
        String traceback = formatTraceback(e, formatException);
        log.emit(LogLevel.ERROR, traceback);
        return Outcome.failed(summaryLine(traceback), result);
    }

    private static String formatTraceback(PolyglotException e, Value formatException) {
        try {
            Value guestException = e.getGuestObject();
            if (guestException != null && formatException != null) {
                return formatException.execute(guestException).asString().stripTrailing();
            }
        } catch (RuntimeException formattingFailed) {
            LOG.debug("Could not format a guest traceback", formattingFailed);
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * The exception's own line: the first line after the traceback's last indented (frame or
     * source) line, so that an exception with a message of several lines is named by its first.
     */
    static String summaryLine(String traceback) {
        String[] lines = traceback.split("\n");
        int start = 0;
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith(" ")) {
                start = i + 1;
                break;
            }
        }
        for (int i = start; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "The model failed";
    }

    private void record(JobRun run, Outcome outcome, long lineCount) {
        Job accepted = run.accepted();
        Instant finishedAt = Instant.now();
        Object result = parseResult(accepted.id(), outcome.resultJson());
        Job finalJob = new Job(accepted.id(), accepted.modelId(), accepted.modelName(), accepted.modelType(),
                outcome.status(), accepted.config(), accepted.dataSourceId(), accepted.createdAt(), null, finishedAt,
                outcome.error(), result, accepted.logFile(), lineCount);
        try {
            storage.finishJob(accepted.id(), outcome.status(), finishedAt, outcome.error(), result, lineCount);
            finalJob = storage.findJob(accepted.id()).orElse(finalJob);
        } catch (RuntimeException e) {
            LOG.error("Could not record the end of job {}", accepted.id(), e);
        }
        try {
            if (outcome.status() == JobStatus.SUCCESS) {
                listeners.onCompleted(new JobCompleted(accepted.id(), accepted.modelType(), outcome.status(), finishedAt));
            } else {
                listeners.onFailed(new JobFailed(accepted.id(), accepted.modelType(), outcome.status(), outcome.error(),
                        finishedAt));
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
