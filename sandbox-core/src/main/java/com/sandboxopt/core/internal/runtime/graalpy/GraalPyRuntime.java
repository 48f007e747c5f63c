package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.data.ArtifactKeeper;
import com.sandboxopt.core.internal.data.FileStore;
import com.sandboxopt.core.internal.files.WorkArea;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.validation.CheckedSource;
import com.sandboxopt.core.internal.runtime.GuestBridge;
import com.sandboxopt.core.internal.runtime.ImportPlan;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.runtime.ModelRuntime;
import com.sandboxopt.core.internal.runtime.Outcome;
import com.sandboxopt.core.internal.runtime.Tracebacks;
import java.util.Collection;
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
 * Runs a job in a sandboxed GraalPy context of the shared engine, on the calling thread, which owns
 * the context from creation to close (closing from another thread can hang once {@code threading}
 * was imported).
 */
public final class GraalPyRuntime implements ModelRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(GraalPyRuntime.class);

    private final PythonRuntime engine;
    private final WorkArea work;
    private final FileStore files;
    private final ImportPlan imports;
    private final AtomicBoolean preImportFailureReported = new AtomicBoolean();
    private final GraalPySyntaxChecker syntax;

    public GraalPyRuntime(PythonRuntime engine, WorkArea work, FileStore files, List<String> preImports,
                          boolean learnImports) {
        this.engine = engine;
        this.work = work;
        this.files = files;
        this.imports = new ImportPlan(preImports, learnImports);
        this.syntax = new GraalPySyntaxChecker(engine);
    }

    @Override
    public CheckedSource checkSource(String source, String fileName) {
        return syntax.check(source, fileName);
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.GRAALPY;
    }

    @Override
    public RuntimeStatus status() {
        var info = engine.info();
        return new RuntimeStatus(RuntimeKind.GRAALPY, true, "GraalPy (Python " + info.pythonVersion() + ", "
                + info.implementation() + ")" + (engine.started() ? "" : ", started when a job needs it"), null);
    }

    @Override
    public Prepared prepare() {
        try {
            return newContext();
        } catch (RuntimeException e) {
            LOG.warn("Could not prepare a Python context ahead of time; the next job creates its own", e);
            return null;
        }
    }

    private WarmContext newContext() {
        for (int attempt = 1; attempt < 3; attempt++) {
            WarmContext context = WarmContext.create(engine, work);
            try {
                if (!broke(context)) {
                    return context;
                }
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            context.close(); // an import broke it; that module is not imported ahead any more
        }
        return WarmContext.create(engine, work);
    }

    @Override
    public boolean topUp(Prepared prepared) {
        return !broke((WarmContext) prepared);
    }

    /** Imports what the plan now wants and the context lacks; true when an import broke the context. */
    private boolean broke(WarmContext context) {
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

    @Override
    public void learnImports(Collection<String> modules) {
        imports.learn(modules);
    }

    @Override
    public Outcome run(JobRun run, JobLog log, GuestBridge bridge, Prepared prepared, ArtifactKeeper artifacts) {
        Job job = run.accepted();
        try (WarmContext ready = prepared != null ? (WarmContext) prepared : newContext()) {
            try {
                return runIn(ready, run, log, bridge);
            } finally {
                ready.closeContext();
                keepOutput(ready, artifacts);
            }
        } catch (PolyglotException | IllegalStateException e) {
            return Outcome.failed("The job could not run: " + e.getMessage(), bridge.resultJson());
        } catch (OutOfMemoryError e) {
            return Outcome.failed("memory limit: the JVM ran out of heap while this job ran", null);
        } finally {
            run.detach();
        }
    }

    private Outcome runIn(WarmContext ready, JobRun run, JobLog log, GuestBridge bridge) {
        Job job = run.accepted();
        ready.bind(log.stdout(), log.stderr());
        ready.files().limit(run.limits().workingDirectoryBytes(), run.limits().artifactBytes(),
                message -> log.emit(LogLevel.WARNING, message));
        int copied = run.data().placeInto(ready.files().dataFolder(), files);
        if (copied > 0) {
            LOG.warn("Job {}: {} data files were copied, not linked (the work area and the file store are on"
                    + " different file systems)", job.id(), copied);
        }
        Context context = ready.context();
        run.attach(new ContextExecution(context, Thread.currentThread()));
        Value formatException = ready.setUp(bridge, job.id(), job.model().type().name(),
                Json.write(job.inputs().config()), run.data().isEmpty() ? null : run.data().guestJson(), run.fileName(),
                run.source());
        try {
            context.eval(ModelSources.of(run.source(), run.fileName()));
            context.eval(Flushes.ALL);
            return Outcome.success(bridge.resultJson());
        } catch (PolyglotException e) {
            flushFilesAfter(e, context);
            return classify(e, formatException, log, bridge);
        }
    }

    /** After an exception or sys.exit the context still runs: what the model wrote is flushed, as CPython would. */
    private static void flushFilesAfter(PolyglotException e, Context context) {
        if (e.isCancelled() || e.isInterrupted() || e.isResourceExhausted() || !(e.isGuestException() || e.isExit())) {
            return;
        }
        try {
            context.eval(Flushes.FILES);
        } catch (PolyglotException | IllegalStateException notAnyMore) {
            LOG.debug("Could not flush the files of a job that ended", notAnyMore);
        }
    }

    /** What the job wrote under output/ is read from the host folder, whatever the guest left there. */
    private static void keepOutput(WarmContext ready, ArtifactKeeper artifacts) {
        try {
            if (java.nio.file.Files.newDirectoryStream(ready.files().outputFolder())
                    instanceof java.nio.file.SecureDirectoryStream<java.nio.file.Path> output) {
                artifacts.keep(output);
            }
        } catch (java.io.IOException e) {
            LOG.warn("Could not read the output folder of a job", e);
        }
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
        return Outcome.failed(Tracebacks.summaryLine(traceback), result);
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

    /** The engine is closed by whoever built it, after this. */
    @Override
    public void close() {
        syntax.close();
    }

    /**
     * Held apart so that they are made at the first job: making a {@link Source} loads the polyglot implementation,
     * which a sandbox whose models all run on CPython never needs (it cost the start of a sandbox over a second).
     */
    private static final class Flushes {
        static final Source ALL = Source.create(PythonRuntime.LANGUAGE,
                "import sys\nsys.stdout.flush()\nsys.stderr.flush()\nsys.modules['sandbox']._flush_files()");
        static final Source FILES = Source.create(PythonRuntime.LANGUAGE, "import sys\nsys.modules['sandbox']._flush_files()");
    }
}
