package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.ExperimentAnswer;
import com.sandboxopt.server.api.wire.ExperimentBody;
import com.sandboxopt.server.api.wire.ExperimentJson;
import com.sandboxopt.server.api.wire.ExperimentsAnswer;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

/**
 * Experiments: every chosen model version on every input, repeated, as ordinary jobs (each carries
 * {@code experimentId}), summarised against a baseline with acceptance rules.
 */
@Controller("/api/optimization")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
public class ExperimentController {
    private final Sandbox sandbox;

    public ExperimentController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Starts an experiment: 400 for a bad body (naming the field), 404 for an unknown model or data source, 409 for
     * an archived one; 429 or 503 when the queue refuses its runs (none is left waiting then).
     */
    @Post("/experiments")
    @Secured(Roles.ANALYST)
    @Audited("experiment.create")
    public ExperimentAnswer create(HttpRequest<?> request, @Valid @Body @Nullable ExperimentBody body) {
        if (body == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, ExperimentBody.EXAMPLE);
        }
        return answer(sandbox.experiments().create(body.draft(), Caller.of(request).owner()));
    }

    /** Experiments, newest first (at most 100), each with its runs and summary. */
    @Get("/experiments")
    public ExperimentsAnswer experiments() {
        return new ExperimentsAnswer(sandbox.experiments().list().stream().map(ExperimentJson::of).toList());
    }

    @Get("/experiments/{id}")
    public ExperimentAnswer experiment(@PathVariable String id) {
        return answer(sandbox.experiments().get(id));
    }

    /** Cancels the runs not yet ended (its owner or an admin); those that ended stay in the summary. */
    @Post("/experiments/{id}/cancel")
    @Secured(Roles.ANALYST)
    @Audited(value = "experiment.cancel", target = "id")
    public ExperimentAnswer cancel(HttpRequest<?> request, @PathVariable String id) {
        Experiment experiment = sandbox.experiments().get(id);
        Caller.of(request).mayChange(experiment.owner(), "Experiment " + experiment.name());
        return answer(sandbox.experiments().cancel(id));
    }

    private static ExperimentAnswer answer(Experiment experiment) {
        return new ExperimentAnswer(ExperimentJson.of(experiment));
    }
}
