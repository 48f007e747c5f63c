package com.sandboxopt.core;

import java.util.List;
import java.util.Optional;

/**
 * Experiments ({@link Sandbox#experiments()}): every chosen model version on every input, repeated, as ordinary jobs
 * on the ordinary queue (each carries its experiment's id), summarised against a baseline with acceptance rules.
 * Kept in the sandbox's database; a storage of the application's own has none.
 */
public interface Experiments {
    /**
     * Starts an experiment: checks every model (it must exist and be active) and every input's data sources, then
     * queues its runs. Nothing is left queued when a check or the queue refuses it.
     *
     * @throws SandboxException INVALID_ARGUMENT, MODEL_NOT_FOUND, MODEL_ARCHIVED, DATA_SOURCE_NOT_FOUND,
     *                          DATA_SOURCE_ARCHIVED, QUEUE_FULL, QUOTA_EXCEEDED
     */
    Experiment create(ExperimentDraft draft, String owner);

    /** @throws SandboxException EXPERIMENT_NOT_FOUND */
    Experiment get(String id);

    Optional<Experiment> find(String id);

    /** Every experiment, newest first, with its runs and summary. */
    List<Experiment> list();

    /** Cancels the runs that have not ended; those that ended stay in the summary. */
    Experiment cancel(String id);
}
