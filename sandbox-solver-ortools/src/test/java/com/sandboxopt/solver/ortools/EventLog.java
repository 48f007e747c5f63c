package com.sandboxopt.solver.ortools;

import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The log and metric events of every job, in arrival order, with when they arrived. */
final class EventLog implements JobListener {
    record Timed<T>(T event, long nanos) {
    }

    private final Map<String, List<Timed<LogEvent>>> logs = new ConcurrentHashMap<>();
    private final Map<String, List<MetricEvent>> metrics = new ConcurrentHashMap<>();

    @Override
    public void onLog(LogEvent event) {
        logs.computeIfAbsent(event.jobId(), id -> new CopyOnWriteArrayList<>()).add(new Timed<>(event, System.nanoTime()));
    }

    @Override
    public void onMetric(MetricEvent event) {
        metrics.computeIfAbsent(event.jobId(), id -> new CopyOnWriteArrayList<>()).add(event);
    }

    List<Timed<LogEvent>> logs(String jobId) {
        return logs.getOrDefault(jobId, List.of());
    }

    List<MetricEvent> metrics(String jobId) {
        return metrics.getOrDefault(jobId, List.of());
    }
}
