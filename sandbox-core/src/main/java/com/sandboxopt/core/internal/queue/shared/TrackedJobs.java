package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.internal.runtime.JobAwait;
import com.sandboxopt.core.storage.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Handles of the jobs submitted on this node, wherever they run: they follow the job's events (this node's
 * own and those relayed from the others) and, should an event be lost, the stored job at each heartbeat.
 * Must hear every event after the application's listeners, so whoever awaits a job has seen its events.
 */
final class TrackedJobs implements JobListener {
    private final JobStore storage;
    private final Function<List<String>, List<String>> endedAmong;
    private final Consumer<String> cancel;
    private final Map<String, Tracked> unfinished = new ConcurrentHashMap<>();

    TrackedJobs(JobStore storage, Function<List<String>, List<String>> endedAmong, Consumer<String> cancel) {
        this.storage = storage;
        this.endedAmong = endedAmong;
        this.cancel = cancel;
    }

    JobHandle track(String jobId) {
        return unfinished.computeIfAbsent(jobId, Tracked::new);
    }

    void forget(String jobId) {
        unfinished.remove(jobId);
    }

    Optional<JobHandle> find(String jobId) {
        return Optional.ofNullable(unfinished.get(jobId));
    }

    @Override
    public void onStarted(JobStarted event) {
        Tracked tracked = unfinished.get(event.jobId());
        if (tracked != null) {
            tracked.status.compareAndSet(JobStatus.QUEUED, JobStatus.RUNNING);
        }
    }

    @Override
    public void onCompleted(JobCompleted event) {
        ended(event.jobId());
    }

    @Override
    public void onFailed(JobFailed event) {
        ended(event.jobId());
    }

    /**
     * Completes, from storage, the handles whose end no event brought (e.g. a message lost with a connection):
     * one query for all of them (a node may hold a thousand queued jobs' handles), then one read per job that ended.
     */
    void reconcile() {
        for (String jobId : endedAmong.apply(new ArrayList<>(unfinished.keySet()))) {
            ended(jobId);
        }
    }


    private void ended(String jobId) {
        Tracked tracked = unfinished.get(jobId);
        if (tracked != null) {
            storage.findJob(jobId).ifPresent(job -> finish(tracked, job));
        }
    }

    private void finish(Tracked tracked, Job job) {
        unfinished.remove(tracked.jobId, tracked);
        tracked.status.set(job.status());
        tracked.completion.complete(job);
    }

    /** One job's handle. */
    private final class Tracked implements JobHandle {
        private final String jobId;
        private final AtomicReference<JobStatus> status = new AtomicReference<>(JobStatus.QUEUED);
        private final CompletableFuture<Job> completion = new CompletableFuture<>();

        Tracked(String jobId) {
            this.jobId = jobId;
        }

        @Override
        public String jobId() {
            return jobId;
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
            return JobAwait.await(jobId, completion, timeout, this::status);
        }

        @Override
        public void cancel() {
            if (!completion.isDone()) {
                cancel.accept(jobId);
            }
        }
    }
}
