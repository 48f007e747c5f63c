package com.sandboxopt.core.internal.experiments;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Experiment;
import com.sandboxopt.core.ExperimentDraft;
import com.sandboxopt.core.Experiments;
import com.sandboxopt.core.SandboxException;

import java.util.List;
import java.util.Optional;

/** Experiments of a storage of the application's own, which keeps none. */
public final class NoExperiments implements Experiments {
    private static SandboxException unsupported() {
        return new SandboxException(ErrorCode.INVALID_ARGUMENT, "This sandbox's storage is the application's own: it"
                + " keeps no experiments (use the built-in H2 or PostgreSQL storage)");
    }

    @Override
    public Experiment create(ExperimentDraft draft, String owner) {
        throw unsupported();
    }

    @Override
    public Experiment get(String id) {
        throw new SandboxException(ErrorCode.EXPERIMENT_NOT_FOUND, "No experiment with id '" + id + "'");
    }

    @Override
    public Optional<Experiment> find(String id) {
        return Optional.empty();
    }

    @Override
    public List<Experiment> list() {
        return List.of();
    }

    @Override
    public Experiment cancel(String id) {
        throw unsupported();
    }
}
