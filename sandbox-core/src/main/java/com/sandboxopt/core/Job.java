package com.sandboxopt.core;

import java.util.Objects;

/**
 * A snapshot of one execution of a model: what ran, with what inputs, where, when and how it went.
 * <p>
 * Its log is not part of it: {@link Jobs#logs} and {@link Jobs#openLog} read the stored lines on any node,
 * {@link Jobs#logFile} says where the log file is on this one.
 *
 * @param id        job id {@code <TYPE>_<epochMillis>_<6 chars>}
 * @param model     the model it runs
 * @param inputs    its config and data sources
 * @param placement the runtime and node it runs on
 * @param times     when it was accepted, started and ended
 * @param outcome   its status, and its error or result once ended
 * @param origin    the schedule firing that started it, if one did
 * @param usage     the CPU time and peak memory it used, once it ended ({@link JobUsage#unknown()} until then)
 */
public record Job(String id, JobModel model, JobInputs inputs, JobPlacement placement, JobTimes times,
                  JobOutcome outcome, JobOrigin origin, JobUsage usage) {
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(outcome, "outcome");
        origin = origin == null ? JobOrigin.asked() : origin;
        usage = usage == null ? JobUsage.unknown() : usage;
    }

    /** A job whose usage is not known (yet): every job until it has ended. */
    public Job(String id, JobModel model, JobInputs inputs, JobPlacement placement, JobTimes times, JobOutcome outcome,
               JobOrigin origin) {
        this(id, model, inputs, placement, times, outcome, origin, JobUsage.unknown());
    }

    /** The current status: {@code outcome().status()}. */
    public JobStatus status() {
        return outcome.status();
    }

    /** Why it did not succeed, null otherwise: {@code outcome().error()}. */
    public String error() {
        return outcome.error();
    }

    /** What the model passed to {@code sandbox.result(...)}: {@code outcome().result()}. */
    public Object result() {
        return outcome.result();
    }
}
