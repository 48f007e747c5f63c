package com.sandboxopt.core.internal.events;

import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to every registered listener; a failing listener never reaches the job. */
public final class Listeners implements JobListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    public Listeners(List<JobListener> initial) {
        listeners.addAll(initial);
    }

    public void add(JobListener listener) {
        listeners.add(listener);
    }

    public void remove(JobListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onStarted(JobStarted event) {
        each(l -> l.onStarted(event));
    }

    @Override
    public void onLog(LogEvent event) {
        each(l -> l.onLog(event));
    }

    @Override
    public void onProgress(ProgressEvent event) {
        each(l -> l.onProgress(event));
    }

    @Override
    public void onMetric(MetricEvent event) {
        each(l -> l.onMetric(event));
    }

    @Override
    public void onCompleted(JobCompleted event) {
        each(l -> l.onCompleted(event));
    }

    @Override
    public void onFailed(JobFailed event) {
        each(l -> l.onFailed(event));
    }

    private void each(Consumer<JobListener> call) {
        for (JobListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Job listener {} failed; the job goes on", listener, e);
            }
        }
    }
}
