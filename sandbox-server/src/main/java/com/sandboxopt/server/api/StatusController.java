package com.sandboxopt.server.api;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.QueueStats;
import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.Sandbox;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Control Center shows: per model type the latest job, plus the queue and the Python runtimes. */
@Controller("/api/optimization")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {
    private final Sandbox sandbox;

    public StatusController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Get("/status")
    public Map<String, Object> status() {
        Map<String, Object> types = new LinkedHashMap<>();
        for (ModelType type : ModelType.values()) {
            List<Job> latest = sandbox.listJobs(new JobQuery(type, null, null, 1));
            Map<String, Object> state = new LinkedHashMap<>();
            if (latest.isEmpty()) {
                state.put("status", "idle");
                state.put("jobId", null);
                state.put("lastRunAt", null);
                state.put("finishedAt", null);
            } else {
                Job job = latest.get(0);
                state.put("status", job.status().wireName());
                state.put("jobId", job.id());
                state.put("lastRunAt", ApiJson.time(job.startedAt() != null ? job.startedAt() : job.createdAt()));
                state.put("finishedAt", ApiJson.time(job.finishedAt()));
            }
            types.put(type.name(), state);
        }
        QueueStats queue = sandbox.queueStats();
        RuntimeInfo runtime = sandbox.runtime();
        Map<String, Object> body = ApiJson.ok();
        body.put("modelTypes", types);
        body.put("queueLength", queue.queued());
        body.put("running", queue.running());
        body.put("poolSize", queue.poolSize());
        body.put("maxQueueLength", queue.maxQueueLength());
        body.put("runtime", Map.of("implementation", runtime.implementation(), "optimizing", runtime.optimizing(),
                "pythonVersion", runtime.pythonVersion()));
        Map<String, Object> solver = new LinkedHashMap<>();
        solver.put("description", sandbox.solverDescription().orElse(null));
        solver.put("backends", List.copyOf(sandbox.solverBackends()));
        body.put("solver", solver);
        Map<String, String> packages = new LinkedHashMap<>();
        sandbox.packageFolders().forEach((guest, host) -> packages.put(guest, host.toString()));
        body.put("packages", packages);
        body.put("runtimes", ApiJson.runtimes(sandbox));
        body.put("defaultRuntime", sandbox.defaultRuntime().wireName());
        return body;
    }

    /**
     * Where models can run on this server: each runtime with {@code name}, {@code available}, {@code version} and,
     * when it cannot run, the {@code reason}; {@code default} is what an upload without a runtime field gets.
     */
    @Get("/runtimes")
    public Map<String, Object> runtimes() {
        Map<String, Object> body = ApiJson.ok();
        body.put("runtimes", ApiJson.runtimes(sandbox));
        body.put("default", sandbox.defaultRuntime().wireName());
        return body;
    }
}
