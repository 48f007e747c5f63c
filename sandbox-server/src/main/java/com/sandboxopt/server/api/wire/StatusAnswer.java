package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobTimes;
import com.sandboxopt.core.RuntimeInfo;

import java.util.List;
import java.util.Map;

/**
 * What the Control Center shows: per model type the latest job, the queue, the solver and the runtimes; {@code node}
 * is the answering node's id when several share a PostgreSQL database (null on H2), {@code queueLength} then counts
 * the jobs waiting for any node and {@code running} this node's; {@code version} is the server's (its Maven version).
 */
public record StatusAnswer(boolean success, Map<String, TypeState> modelTypes, int queueLength, int running,
                           int poolSize, int maxQueueLength, PythonRuntime runtime, Solver solver,
                           Map<String, String> packages, List<RuntimeJson> runtimes, String defaultRuntime, String node,
                           String version) {

    /** A model type's latest job, or {@code idle} with nulls when it has none. */
    public record TypeState(String status, String jobId, String lastRunAt, String finishedAt) {
        public static final TypeState IDLE = new TypeState("idle", null, null, null);

        public static TypeState of(Job latest) {
            JobTimes times = latest.times();
            return new TypeState(latest.status().wireName(), latest.id(),
                    Times.iso(times.startedAt() != null ? times.startedAt() : times.createdAt()),
                    Times.iso(times.finishedAt()));
        }
    }

    /** The in-JVM Python (GraalPy) and whether its JIT compiles. */
    public record PythonRuntime(String implementation, boolean optimizing, String pythonVersion) {
        public static PythonRuntime of(RuntimeInfo info) {
            return new PythonRuntime(info.implementation(), info.optimizing(), info.pythonVersion());
        }
    }

    /** The native solver behind PuLP, null description when there is none. */
    public record Solver(String description, List<String> backends) {
    }
}
