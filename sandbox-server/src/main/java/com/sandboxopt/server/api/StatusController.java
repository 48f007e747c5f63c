package com.sandboxopt.server.api;

import com.sandboxopt.server.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.api.wire.RuntimeJson;
import com.sandboxopt.server.api.wire.RuntimesAnswer;
import com.sandboxopt.server.api.wire.StatusAnswer;
import com.sandboxopt.server.config.ServerVersion;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Control Center shows: per model type the latest job, plus the queue and the Python runtimes. */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {
    private final Sandbox sandbox;
    private final ServerVersion version;

    public StatusController(Sandbox sandbox, ServerVersion version) {
        this.sandbox = sandbox;
        this.version = version;
    }

    @Get("/status")
    public StatusAnswer status() {
        Map<String, StatusAnswer.TypeState> types = new LinkedHashMap<>();
        for (ModelType type : ModelType.values()) {
            List<Job> latest = sandbox.jobs().list(new JobQuery(type, null, null, 1));
            types.put(type.name(), latest.isEmpty() ? StatusAnswer.TypeState.IDLE : StatusAnswer.TypeState.of(latest.get(0)));
        }
        QueueStats queue = sandbox.queueStats();
        Map<String, String> packages = new LinkedHashMap<>();
        sandbox.packageFolders().forEach((guest, host) -> packages.put(guest, host.toString()));
        return new StatusAnswer(true, types, queue.queued(), queue.running(), queue.poolSize(), queue.maxQueueLength(),
                StatusAnswer.PythonRuntime.of(sandbox.runtime()),
                new StatusAnswer.Solver(sandbox.solverDescription().orElse(null), List.copyOf(sandbox.solverBackends())),
                packages, RuntimeJson.all(sandbox), sandbox.defaultRuntime().wireName(), sandbox.nodeId().orElse(null),
                version.value());
    }

    /**
     * Where models can run on this server: each runtime with {@code name}, {@code available}, {@code version} and,
     * when it cannot run, the {@code reason}; {@code default} is what an upload without a runtime field gets.
     */
    @Get("/runtimes")
    public RuntimesAnswer runtimes() {
        return new RuntimesAnswer(RuntimeJson.all(sandbox), sandbox.defaultRuntime().wireName());
    }
}
