package com.sandboxopt.core;

import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps every event per job, in arrival order. */
final class EventRecorder implements JobListener {
    private final Map<String, List<Object>> byJob = new ConcurrentHashMap<>();

    List<Object> of(String jobId) {
        List<Object> events = byJob.getOrDefault(jobId, List.of());
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    <T> List<T> of(String jobId, Class<T> type) {
        return of(jobId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void add(String jobId, Object event) {
        List<Object> events = byJob.computeIfAbsent(jobId, id -> new ArrayList<>());
        synchronized (events) {
            events.add(event);
        }
    }

    @Override
    public void onStarted(JobStarted event) {
        add(event.jobId(), event);
    }

    @Override
    public void onLog(LogEvent event) {
        add(event.jobId(), event);
    }

    @Override
    public void onProgress(ProgressEvent event) {
        add(event.jobId(), event);
    }

    @Override
    public void onMetric(MetricEvent event) {
        add(event.jobId(), event);
    }

    @Override
    public void onCompleted(JobCompleted event) {
        add(event.jobId(), event);
    }

    @Override
    public void onFailed(JobFailed event) {
        add(event.jobId(), event);
    }
}
