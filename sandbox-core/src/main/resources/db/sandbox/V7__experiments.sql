-- Experiments: every chosen model version on every input, repeated, as ordinary jobs; the summary is worked out from
-- those jobs when it is read, so an experiment survives a restart with its jobs.
CREATE TABLE experiment (
    id          VARCHAR(64)                 NOT NULL,
    name        VARCHAR(255)                NOT NULL,
    -- models, inputs, repetitions, baseline and acceptance rules, as a JSON object
    definition  ${text}                     NOT NULL,
    owner       VARCHAR(64),
    cancelled   BOOLEAN                     NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_experiment PRIMARY KEY (id)
);

-- Which job is which run: a model on an input, one repetition.
CREATE TABLE experiment_run (
    experiment_id VARCHAR(64)  NOT NULL,
    model_id      VARCHAR(255) NOT NULL,
    input_name    VARCHAR(255) NOT NULL,
    repetition    INTEGER      NOT NULL,
    job_id        VARCHAR(255) NOT NULL,
    CONSTRAINT pk_experiment_run PRIMARY KEY (experiment_id, model_id, input_name, repetition)
);

ALTER TABLE job_run ADD COLUMN experiment_id VARCHAR(64);
CREATE INDEX ix_job_run_experiment ON job_run (experiment_id);
