package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.models.ModelCatalog;
import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.storage.JobStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The queue of a process alone on its database (H2, or a storage of the application's): the scheduler's own. */
public final class LocalQueue implements JobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(LocalQueue.class);
    public static final String INTERRUPTED_BY_RESTART = "interrupted by restart";

    private final JobListener events;
    private JobScheduler scheduler;
    private ModelCatalog models;
    private int queuedPerUser;

    /** Whatever is unfinished on a database of its own was left by this process's predecessor: it failed. */
    public LocalQueue(JobStore storage, JobListener events) {
        this.events = events;
        int interrupted = storage.failUnfinishedJobs(INTERRUPTED_BY_RESTART, Now.instant());
        if (interrupted > 0) {
            LOG.warn("{} jobs left queued or running by a previous process were marked failed", interrupted);
        }
    }

    @Override
    public JobListener events() {
        return events;
    }

    @Override
    public void start(QueueServices services) {
        this.scheduler = services.scheduler();
        this.models = services.models();
        this.queuedPerUser = services.quotas().queuedPerUser();
    }

    @Override
    public JobHandle submit(Submission submission) {
        String owner = submission.job().origin().owner();
        if (owner != null && queuedPerUser > 0) {
            QuotaRefusal.check(owner, scheduler.queuedOf(owner), queuedPerUser);
        }
        return scheduler.submit(submission.job(), models.source(submission.model().id()), submission.model().fileName(),
                submission.limits(), submission.data());
    }

    @Override
    public Optional<JobHandle> handle(String jobId) {
        return scheduler.find(jobId).map(run -> run);
    }

    @Override
    public boolean cancel(String jobId) {
        Optional<JobRun> run = scheduler.find(jobId);
        if (run.isEmpty() || run.get().completion().isDone()) {
            return false;
        }
        run.get().cancel();
        return true;
    }

    @Override
    public QueueStats stats() {
        return scheduler.stats();
    }

    @Override
    public Optional<String> nodeId() {
        return Optional.empty();
    }

    @Override
    public void stopTaking() {
        // nothing to take from: every job was submitted to the scheduler directly
    }

    @Override
    public void close() {
        // the scheduler, closed by the caller, held every job
    }
}
