package com.sandboxopt.core.internal.experiments;

import com.sandboxopt.core.AcceptanceRule;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.ExperimentDraft;
import com.sandboxopt.core.ExperimentInput;
import com.sandboxopt.core.ExperimentRun;
import com.sandboxopt.core.Experiments;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.assembly.SandboxParts;
import com.sandboxopt.core.internal.service.JobService;
import com.sandboxopt.core.internal.storage.ExperimentTable;
import com.sandboxopt.core.internal.util.Ids;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.util.Now;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Experiments in the sandbox's database: the definition and which job is which run; the rest is read from the jobs. */
public final class ExperimentService implements Experiments {
    private static final int LISTED = 100;

    private final SandboxParts parts;
    private final JobService jobs;
    private final ExperimentTable table;

    public ExperimentService(SandboxParts parts, JobService jobs, ExperimentTable table) {
        this.parts = parts;
        this.jobs = jobs;
        this.table = table;
    }

    @Override
    public Experiment create(ExperimentDraft draft, String owner) {
        for (String modelId : draft.models()) {
            Model model = parts.models().get(modelId);
            if (model.status() != ModelStatus.ACTIVE) {
                throw new SandboxException(ErrorCode.MODEL_ARCHIVED, "Model " + model.name() + " (" + modelId
                        + ") is archived: restore it or leave it out of the experiment");
            }
        }
        for (ExperimentInput input : draft.inputs()) {
            parts.data().resolve(input.dataSourceId(), input.dataSources()); // names an unknown or archived one
        }
        Instant now = Now.instant();
        String id = Ids.experimentId(now);
        table.insert(new ExperimentTable.Row(id, draft.name(), Json.write(DefinitionJson.write(draft)), owner, false,
                now));
        List<ExperimentTable.RunRow> runs = new ArrayList<>();
        try {
            for (int repetition = 1; repetition <= draft.repetitions(); repetition++) {
                for (ExperimentInput input : draft.inputs()) {
                    for (String modelId : draft.models()) {
                        ExecutionRequest request = ExecutionRequest.of(modelId).withConfig(input.config())
                                .withDataSourceId(input.dataSourceId()).withDataSources(input.dataSources())
                                .withOwner(owner);
                        String jobId = jobs.execute(request, JobOrigin.asked().withExperiment(id)).jobId();
                        runs.add(new ExperimentTable.RunRow(modelId, input.name(), repetition, jobId));
                    }
                }
            }
        } catch (RuntimeException e) {
            // the queue refused one (full, or a quota): nothing of the experiment is left waiting
            runs.forEach(run -> cancelIfUnfinished(run.jobId()));
            table.insertRuns(id, runs);
            table.markCancelled(id);
            throw e;
        }
        table.insertRuns(id, runs);
        return get(id);
    }

    @Override
    public Experiment get(String id) {
        return find(id).orElseThrow(() -> new SandboxException(ErrorCode.EXPERIMENT_NOT_FOUND,
                "No experiment with id '" + id + "'"));
    }

    @Override
    public Optional<Experiment> find(String id) {
        return table.find(id).map(this::view);
    }

    @Override
    public List<Experiment> list() {
        return table.list(LISTED).stream().map(this::view).toList();
    }

    @Override
    public Experiment cancel(String id) {
        get(id);
        table.markCancelled(id);
        table.runs(id).forEach(run -> cancelIfUnfinished(run.jobId()));
        return get(id);
    }

    /** Cancels a run's job unless it ended already (also between looking and cancelling). */
    private void cancelIfUnfinished(String jobId) {
        try {
            jobs.cancel(jobId);
        } catch (SandboxException e) {
            if (e.code() != ErrorCode.JOB_ALREADY_FINISHED) {
                throw e;
            }
        }
    }

    private Experiment view(ExperimentTable.Row row) {
        ExperimentDraft draft = DefinitionJson.read(Json.readObject(row.definition()));
        List<ExperimentRun> runs = new ArrayList<>();
        for (ExperimentTable.RunRow run : table.runs(row.id())) {
            Optional<Job> job = jobs.find(run.jobId());
            JobStatus status = job.map(Job::status).orElse(JobStatus.FAILED);
            Long duration = job.flatMap(j -> j.times().duration()).map(java.time.Duration::toMillis).orElse(null);
            boolean success = status == JobStatus.SUCCESS;
            Map<String, Double> metrics = success ? RunMetrics.of(job.get().result(), jobs.metrics(run.jobId()),
                    duration, job.get().usage()) : Map.of();
            runs.add(new ExperimentRun(run.modelId(), run.input(), run.repetition(), run.jobId(), status, duration,
                    metrics, success ? job.get().result() : null));
        }
        Summaries.Summary summary = Summaries.of(draft, runs, row.cancelled());
        return new Experiment(row.id(), draft, row.owner(), row.createdAt(), summary.status(), runs, summary.rows(),
                summary.passed(), summary.reproducible(), summary.difference(), summary.failures());
    }

    /** The definition as stored: a JSON object of its own names, read back into a draft. */
    static final class DefinitionJson {
        private DefinitionJson() {
        }

        static Map<String, Object> write(ExperimentDraft draft) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", draft.name());
            json.put("models", draft.models());
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (ExperimentInput input : draft.inputs()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", input.name());
                one.put("dataSourceId", input.dataSourceId());
                one.put("dataSources", input.dataSources());
                one.put("config", input.config());
                inputs.add(one);
            }
            json.put("inputs", inputs);
            json.put("repetitions", draft.repetitions());
            json.put("baseline", draft.baseline());
            json.put("acceptance", draft.acceptance().stream().map(rule -> Map.of("metric", rule.metric(),
                    "direction", rule.direction().wireName(), "tolerance", rule.tolerance())).toList());
            return json;
        }

        @SuppressWarnings("unchecked")
        static ExperimentDraft read(Map<String, Object> json) {
            List<ExperimentInput> inputs = new ArrayList<>();
            for (Object item : (List<Object>) json.get("inputs")) {
                Map<String, Object> one = (Map<String, Object>) item;
                Map<String, String> aliases = new LinkedHashMap<>();
                ((Map<String, Object>) one.getOrDefault("dataSources", Map.of()))
                        .forEach((alias, source) -> aliases.put(alias, String.valueOf(source)));
                inputs.add(new ExperimentInput((String) one.get("name"), (String) one.get("dataSourceId"), aliases,
                        (Map<String, Object>) one.get("config")));
            }
            List<AcceptanceRule> rules = new ArrayList<>();
            for (Object item : (List<Object>) json.get("acceptance")) {
                Map<String, Object> rule = (Map<String, Object>) item;
                rules.add(new AcceptanceRule((String) rule.get("metric"),
                        AcceptanceRule.Direction.parse((String) rule.get("direction")),
                        ((Number) rule.get("tolerance")).doubleValue()));
            }
            return new ExperimentDraft((String) json.get("name"), (List<String>) json.get("models"), inputs,
                    ((Number) json.get("repetitions")).intValue(), (String) json.get("baseline"), rules);
        }
    }
}
