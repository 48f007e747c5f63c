package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobUsage;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.internal.data.JobData;
import com.sandboxopt.core.solver.SolveControl;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One accepted job from queue to end: its status, the execution running it, and why the host
 * stopped it, if it did. Handed to the caller as its {@link JobHandle}.
 */
public final class JobRun implements JobHandle {
    private final Job accepted;
    private final String source;
    private final String fileName;
    private final Limits limits;
    private final JobData data;
    private final Executor killer;
    private final AtomicReference<JobStatus> status = new AtomicReference<>(JobStatus.QUEUED);
    private final AtomicReference<Termination> termination = new AtomicReference<>();
    private final CompletableFuture<Job> completion = new CompletableFuture<>();
    private volatile Consumer<Termination> endWhileQueued = termination -> { };
    private Execution execution; // guarded by this
    private SolveControl solve; // guarded by this; the solve running now, if any
    private final AtomicLong finishedSolveCpuNanos = new AtomicLong();
    private volatile long startNanos;
    private long endedCpuNanos = -1; // guarded by this; the execution's last reading, -1 while unknown
    private long peakMemoryBytes = -1; // guarded by this
    private final Claim claim;

    /** How a node took a job from the shared queue: when, and where an earlier attempt's lines end. */
    public record Claim(Instant at, long priorLines, String note) {
    }

    public JobRun(Job accepted, String source, String fileName, Limits limits, JobData data, Executor killer) {
        this(accepted, source, fileName, limits, data, killer, null);
    }

    public JobRun(Job accepted, String source, String fileName, Limits limits, JobData data, Executor killer, Claim claim) {
        this.claim = claim;
        this.accepted = accepted;
        this.data = data;
        this.source = source;
        this.fileName = fileName;
        this.limits = limits;
        this.killer = killer;
    }

    public Job accepted() {
        return accepted;
    }

    public String source() {
        return source;
    }

    public String fileName() {
        return fileName;
    }

    public Limits limits() {
        return limits;
    }

    /** The data sources it reads under {@code data/}. */
    public JobData data() {
        return data;
    }

    /** When it must have ended; null when it has no deadline. */
    public Instant deadline() {
        return accepted.times().deadline();
    }

    public RuntimeKind runtime() {
        return accepted.placement().runtime();
    }

    /** Set when the job came from the shared queue (already marked running there); null for a local one. */
    public Claim claim() {
        return claim;
    }

    public long startNanos() {
        return startNanos;
    }

    public Termination termination() {
        return termination.get();
    }

    /**
     * What ends the job when it never starts: cancelled while queued, or its deadline passed first. Called once, with
     * the reason, on the thread that ended it.
     */
    public void onEndWhileQueued(Consumer<Termination> action) {
        this.endWhileQueued = action;
    }

    /** Ends the job as {@code timed_out} if it is still queued and its deadline has passed; true if it did. */
    public boolean expireIfQueuedPastDeadline() {
        Instant deadline = deadline();
        if (deadline == null || Instant.now().isBefore(deadline)
                || !status.compareAndSet(JobStatus.QUEUED, JobStatus.TIMED_OUT)) {
            return false;
        }
        endWhileQueued.accept(new Termination(JobStatus.TIMED_OUT, Deadlines.passedWhileQueued(deadline)));
        return true;
    }

    /** Moves queued to running on the job's own thread; false if it was cancelled first, or is past its deadline. */
    boolean start() {
        if (expireIfQueuedPastDeadline() || !status.compareAndSet(JobStatus.QUEUED, JobStatus.RUNNING)) {
            return false;
        }
        this.startNanos = System.nanoTime();
        return true;
    }

    /** Called by the runtime once the job's code is about to run; a stop requested earlier takes effect now. */
    public synchronized void attach(Execution running) {
        this.execution = running;
        if (termination.get() != null) {
            running.stop();
        }
    }

    /**
     * Called by the runtime once the job's code has ended, while what measures it is still there (a CPython
     * sandbox's cgroup is removed with it): its last readings become the job's {@link #usage}. Later calls do nothing.
     */
    public synchronized void detach() {
        if (execution != null) {
            endedCpuNanos = execution.finalCpuNanos();
            peakMemoryBytes = execution.peakMemoryBytes();
        }
        this.execution = null;
    }

    /** What the job used, once detached: its code's CPU with its solves' (as the CPU limit counts it), and its peak memory. */
    JobUsage usage() {
        long cpu;
        long peak;
        synchronized (this) {
            cpu = endedCpuNanos;
            peak = peakMemoryBytes;
        }
        return new JobUsage(cpu < 0 ? null : (cpu + solverCpuNanos()) / 1_000_000, peak < 0 ? null : peak);
    }

    /** CPU time of the job's own code so far (solves not included), -1 when unknown, 0 before it runs. */
    long executionCpuNanos() {
        Execution running;
        synchronized (this) {
            running = execution;
        }
        return running == null ? 0 : running.cpuNanos();
    }

    /** Heap bytes the job allocated so far, -1 when it runs outside the JVM's heap or not yet. */
    long heapAllocatedBytes() {
        Execution running;
        synchronized (this) {
            running = execution;
        }
        return running == null ? -1 : running.heapAllocatedBytes();
    }

    /** Called on the job's thread when a solve runs; a stop requested earlier aborts it at once. */
    synchronized void solveStarted(SolveControl control) {
        this.solve = control;
        if (termination.get() != null) {
            killer.execute(control::abort);
        }
    }

    /** Called on the job's thread when a solve ended; its CPU time stays counted for the job. */
    synchronized void solveEnded(SolveControl control) {
        if (control != null) {
            finishedSolveCpuNanos.addAndGet(Math.max(0, control.cpuTimeNanos()));
        }
        this.solve = null;
    }

    /** CPU time of the job's solves so far, the one running included. */
    long solverCpuNanos() {
        SolveControl running;
        synchronized (this) {
            running = solve;
        }
        return finishedSolveCpuNanos.get() + (running == null ? 0 : Math.max(0, running.cpuTimeNanos()));
    }

    /**
     * Stops a running job: the first reason wins. The execution is stopped from another thread, which
     * ends even {@code while True: pass} at once.
     */
    public void stop(JobStatus finalStatus, String error) {
        if (!termination.compareAndSet(null, new Termination(finalStatus, error))) {
            return;
        }
        Execution toStop;
        SolveControl solving;
        synchronized (this) {
            toStop = execution;
            solving = solve;
        }
        if (solving != null) {
            killer.execute(solving::abort); // a solve runs in native code, where stopping the job's code cannot reach
        }
        if (toStop != null) {
            killer.execute(toStop::stop);
        }
    }

    void finish(Job finalJob) {
        status.set(finalJob.status());
        completion.complete(finalJob);
    }

    @Override
    public String jobId() {
        return accepted.id();
    }

    @Override
    public JobStatus status() {
        return status.get();
    }

    @Override
    public CompletableFuture<Job> completion() {
        return completion.copy();
    }

    @Override
    public Job await(Duration timeout) {
        return JobAwait.await(jobId(), completion, timeout, this::status);
    }

    @Override
    public void cancel() {
        if (status.compareAndSet(JobStatus.QUEUED, JobStatus.CANCELLED)) {
            endWhileQueued.accept(new Termination(JobStatus.CANCELLED, "Cancelled by user before it started"));
        } else if (status.get() == JobStatus.RUNNING) {
            stop(JobStatus.CANCELLED, "Cancelled by user");
        }
    }
}
