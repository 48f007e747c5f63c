package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxBuilder;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs jobs through the library and times them from the listener's point of view: the first
 * {@code onLog} and the {@code onCompleted}/{@code onFailed} callback, both against the moment
 * before {@code execute} was called.
 */
final class OurRunner implements JobListener, AutoCloseable {
    private static final long JOB_TIMEOUT_MINUTES = 15;
    private final Map<String, Trace> traces = new ConcurrentHashMap<>();
    private final Sandbox sandbox;

    OurRunner(Path dataDirectory, int poolSize, List<String> preImports, boolean learnImports, int compilerThreads) {
        this(Sandbox.builder().dataDirectory(dataDirectory).inMemoryDatabase().poolSize(poolSize)
                .maxQueueLength(10_000).preImports(preImports).learnImports(learnImports)
                .compilerThreads(compilerThreads));
    }

    /** A runner over a sandbox built from these settings (this runner is added as a listener). */
    OurRunner(SandboxBuilder settings) {
        this.sandbox = settings.listener(this).build();
    }

    Sandbox sandbox() {
        return sandbox;
    }

    String upload(String fileName, String source) {
        return upload(fileName, source, null);
    }

    /** Uploads a model to run on the given runtime; null or AUTO lets the sandbox choose from its imports. */
    String upload(String fileName, String source, RuntimeKind runtime) {
        return sandbox.models().upload(ModelUpload.of(fileName, source.getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(runtime)).id();
    }

    Run run(String modelId, Map<String, Object> config) {
        return start(modelId, config, null).join();
    }

    CompletableFuture<Run> start(String modelId, Map<String, Object> config, Limits limits) {
        long submitted = System.nanoTime();
        JobHandle handle = sandbox.jobs().execute(ExecutionRequest.of(modelId).withConfig(config).withLimits(limits));
        Trace trace = trace(handle.jobId());
        return trace.done.orTimeout(JOB_TIMEOUT_MINUTES, TimeUnit.MINUTES).thenApply(doneNanos -> {
            traces.remove(handle.jobId());
            long first = trace.firstLog.get();
            return new Run(handle.jobId(), first == 0 ? Double.NaN : millis(first - submitted), millis(doneNanos - submitted),
                    trace.lines.get(), trace.error == null, trace.error, Double.NaN);
        });
    }

    long storedLines(String jobId) {
        return storedLines(sandbox, jobId);
    }

    /** Counts the lines the store holds for a job, page by page. */
    static long storedLines(Sandbox sandbox, String jobId) {
        long count = 0;
        long after = 0;
        while (true) {
            List<LogLine> page = sandbox.jobs().logs(jobId, LogQuery.after(after, LogQuery.MAX_LIMIT));
            if (page.isEmpty()) {
                return count;
            }
            count += page.size();
            after = page.get(page.size() - 1).seq();
        }
    }

    @Override
    public void onLog(LogEvent event) {
        Trace trace = trace(event.jobId());
        if (trace.lines.getAndIncrement() == 0) {
            trace.firstLog.set(System.nanoTime());
        }
    }

    @Override
    public void onCompleted(JobCompleted event) {
        trace(event.jobId()).done.complete(System.nanoTime());
    }

    @Override
    public void onFailed(JobFailed event) {
        Trace trace = trace(event.jobId());
        trace.error = event.status() + ": " + event.error();
        trace.done.complete(System.nanoTime());
    }

    @Override
    public void close() {
        sandbox.close();
    }

    private Trace trace(String jobId) {
        return traces.computeIfAbsent(jobId, id -> new Trace());
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static final class Trace {
        final AtomicLong firstLog = new AtomicLong();
        final AtomicLong lines = new AtomicLong();
        final CompletableFuture<Long> done = new CompletableFuture<>();
        volatile String error;
    }
}
