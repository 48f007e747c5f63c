-- Tables of the sandbox library, for H2 and PostgreSQL alike. Applied by Flyway from classpath:db/sandbox
-- with its own history table (sandbox_schema_history), so an application's own migrations are not disturbed.
-- ${text} and ${bytes} are the dialect's unbounded text and binary types (H2: CHARACTER/BINARY LARGE OBJECT,
-- PostgreSQL: TEXT/BYTEA); everything else is standard SQL both accept.
-- Enumerations are stored as their wire names; CHECK constraints keep stray values out.
-- Timestamps keep microseconds (PostgreSQL's precision); the library takes its times at that precision.
-- Free text (sources, messages, errors, JSON) is ${text}: a model source can be 10 MiB.

CREATE TABLE optimization_model (
    id              VARCHAR(255)                NOT NULL,
    model_name      VARCHAR(1000)               NOT NULL,
    file_name       VARCHAR(1000)               NOT NULL,
    model_type      VARCHAR(16)                 NOT NULL,
    status          VARCHAR(16)                 NOT NULL,
    description     ${text}                     NOT NULL,
    size_bytes      BIGINT                      NOT NULL,
    source          ${text}                     NOT NULL,
    uploaded_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    runtime         VARCHAR(16)                 NOT NULL,
    runtime_reason  VARCHAR(1000)               NOT NULL,
    -- counts the uploads of one file name per type (1, 2, 3, ...; archived ones count)
    version         INTEGER                     NOT NULL,
    -- the JSON object a run starts from; NULL when none
    config_defaults ${text},
    CONSTRAINT pk_optimization_model PRIMARY KEY (id),
    CONSTRAINT uq_optimization_model_name UNIQUE (model_name),
    CONSTRAINT uq_optimization_model_version UNIQUE (model_type, file_name, version),
    CONSTRAINT ck_optimization_model_type CHECK (model_type IN ('DMO', 'RMO', 'SO')),
    CONSTRAINT ck_optimization_model_status CHECK (status IN ('active', 'archived')),
    CONSTRAINT ck_optimization_model_runtime CHECK (runtime IN ('graalpy', 'cpython'))
);

-- listModels: newest upload first; filtered lists and countModels stay small enough to sort
CREATE INDEX ix_optimization_model_uploaded ON optimization_model (uploaded_at DESC, id);

CREATE TABLE job_run (
    id             VARCHAR(255)                NOT NULL,
    model_id       VARCHAR(255)                NOT NULL,
    model_name     VARCHAR(1000)               NOT NULL,
    model_type     VARCHAR(16)                 NOT NULL,
    status         VARCHAR(16)                 NOT NULL,
    config         ${text}                     NOT NULL,
    data_source_id VARCHAR(1000),
    -- the data sources a job mounted by alias, as a JSON object alias -> exact id; NULL when none
    data_sources   ${text},
    runtime        VARCHAR(16)                 NOT NULL,
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP(6) WITH TIME ZONE,
    finished_at    TIMESTAMP(6) WITH TIME ZONE,
    error          ${text},
    result         ${text},
    log_file       VARCHAR(4096),
    line_count     BIGINT DEFAULT 0            NOT NULL,
    CONSTRAINT pk_job_run PRIMARY KEY (id),
    CONSTRAINT fk_job_run_model FOREIGN KEY (model_id) REFERENCES optimization_model (id),
    CONSTRAINT ck_job_run_type CHECK (model_type IN ('DMO', 'RMO', 'SO')),
    CONSTRAINT ck_job_run_runtime CHECK (runtime IN ('graalpy', 'cpython')),
    CONSTRAINT ck_job_run_status
        CHECK (status IN ('queued', 'running', 'success', 'failed', 'cancelled', 'timed_out'))
);

-- listJobs reads these already in its order (newest first, then id) for each kind of filter;
-- ix_job_run_status also serves failUnfinishedJobs. Jobs are written rarely, so indexes are cheap.
CREATE INDEX ix_job_run_created ON job_run (created_at DESC, id);
CREATE INDEX ix_job_run_type ON job_run (model_type, created_at DESC, id);
CREATE INDEX ix_job_run_type_status ON job_run (model_type, status, created_at DESC, id);
CREATE INDEX ix_job_run_status ON job_run (status, created_at DESC, id);
CREATE INDEX ix_job_run_model ON job_run (model_id, created_at DESC, id);

-- A job's log lines, in chunks: one row holds up to a thousand consecutive lines of one job (encoded
-- by LogChunkCodec). A row per line made the transactional insert the limit of a chatty model (~10 us
-- of writer time per line on H2); a row per chunk costs a fraction of that per line. readLogs walks the
-- primary key from the first chunk ending after afterSeq; `levels` has one bit per level present in the
-- chunk, so a level filter skips chunks without that level unread. No foreign key to job_run: it would
-- add an index lookup per chunk on the hot path, and lines are only ever written for a stored job.
CREATE TABLE job_log (
    job_id     VARCHAR(255) NOT NULL,
    last_seq   BIGINT       NOT NULL,
    first_seq  BIGINT       NOT NULL,
    line_count INTEGER      NOT NULL,
    levels     INTEGER      NOT NULL,
    lines      ${bytes}     NOT NULL,
    CONSTRAINT pk_job_log PRIMARY KEY (job_id, last_seq)
);

-- The numbers a job reported (sandbox.metric, the solver's mip_*), so a job's charts survive a reload.
-- Read whole per job in seq order; written a point at a time, at most a fixed number per job.
CREATE TABLE job_metric (
    job_id       VARCHAR(255)                NOT NULL,
    seq          BIGINT                      NOT NULL,
    name         VARCHAR(255)                NOT NULL,
    metric_value DOUBLE PRECISION            NOT NULL,
    step         BIGINT,
    ts           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_job_metric PRIMARY KEY (job_id, seq)
);

-- Data sources: immutable sets of files, versioned by name. The bytes live in the data directory's
-- content-addressed file store (files/<2 hex>/<sha256>), so versions that share a file share its
-- bytes; these tables hold what names them. An artifact is a file a job left under output/.
CREATE TABLE data_source (
    id          VARCHAR(64)                 NOT NULL,
    name        VARCHAR(255)                NOT NULL,
    version     INTEGER                     NOT NULL,
    description ${text},
    size_bytes  BIGINT                      NOT NULL,
    uploaded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    status      VARCHAR(16)                 NOT NULL,
    CONSTRAINT pk_data_source PRIMARY KEY (id),
    CONSTRAINT uq_data_source_version UNIQUE (name, version),
    CONSTRAINT ck_data_source_status CHECK (status IN ('active', 'archived'))
);

CREATE INDEX ix_data_source_uploaded ON data_source (uploaded_at DESC, id);

CREATE TABLE data_source_file (
    data_source_id VARCHAR(64)   NOT NULL,
    position       INTEGER       NOT NULL,
    name           VARCHAR(255)  NOT NULL,
    size_bytes     BIGINT        NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    CONSTRAINT pk_data_source_file PRIMARY KEY (data_source_id, position),
    CONSTRAINT uq_data_source_file_name UNIQUE (data_source_id, name),
    CONSTRAINT fk_data_source_file FOREIGN KEY (data_source_id) REFERENCES data_source (id)
);

CREATE TABLE job_artifact (
    job_id       VARCHAR(255)  NOT NULL,
    name         VARCHAR(1000) NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    CONSTRAINT pk_job_artifact PRIMARY KEY (job_id, name),
    CONSTRAINT fk_job_artifact_job FOREIGN KEY (job_id) REFERENCES job_run (id)
);
