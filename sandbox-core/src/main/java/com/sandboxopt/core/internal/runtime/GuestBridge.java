package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import com.sandboxopt.core.internal.logs.JobLog;

/**
 * What a job's guest {@code sandbox} module calls on the host, whichever runtime runs it: lines, progress, metrics,
 * solves and the result. Each runtime carries these calls its own way (GraalPy as the one host object a context
 * sees, CPython as frames on its channel).
 */
public final class GuestBridge {
    private final String jobId;
    private final ModelType modelType;
    private final JobLog log;
    private final JobListener listeners;
    private final GuestSolver solver;
    private volatile String resultJson;

    GuestBridge(String jobId, ModelType modelType, JobLog log, JobListener listeners, GuestSolver solver) {
        this.jobId = jobId;
        this.modelType = modelType;
        this.log = log;
        this.listeners = listeners;
        this.solver = solver;
    }

    public void log(String level, String message) {
        log.emit(LogLevel.fromName(level), message == null ? "None" : message);
    }

    public void progress(double fraction, String message) {
        double clamped = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        listeners.onProgress(new ProgressEvent(jobId, modelType, clamped, message, Now.instant()));
    }

    public void metric(String name, double value, Long step) {
        listeners.onMetric(new MetricEvent(jobId, modelType, name, value, step, Now.instant()));
    }

    /** The problem as JSON in, the answer (or {@code {"error", "kind"}}) as JSON out: data only, both ways. */
    public String solve(String problemJson) {
        return solver.solve(problemJson);
    }

    public void result(String json) {
        resultJson = json;
    }

    /** The last object the model passed to {@code sandbox.result}, as JSON, or null. */
    public String resultJson() {
        return resultJson;
    }
}
