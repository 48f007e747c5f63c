-- Tables of the sandbox library. Applied by Flyway from classpath:db/sandbox with its own history
-- table (sandbox_schema_history), so an application's own migrations are not disturbed.
-- Enumerations are stored as their wire names; CHECK constraints keep stray values out.
-- Timestamps keep nanoseconds so java.time.Instant round-trips exactly.
-- Free text (sources, messages, errors, JSON) is CLOB: a model source can be 10 MiB and a single
-- log line can be as long as the whole output limit.

CREATE TABLE optimization_model (
    id          VARCHAR(255)                NOT NULL,
    model_name  VARCHAR(1000)               NOT NULL,
    file_name   VARCHAR(1000)               NOT NULL,
    model_type  VARCHAR(16)                 NOT NULL,
    status      VARCHAR(16)                 NOT NULL,
    description CHARACTER LARGE OBJECT      NOT NULL,
    size_bytes  BIGINT                      NOT NULL,
    source      CHARACTER LARGE OBJECT      NOT NULL,
    uploaded_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_optimization_model PRIMARY KEY (id),
    CONSTRAINT uq_optimization_model_name UNIQUE (model_name),
    CONSTRAINT ck_optimization_model_type CHECK (model_type IN ('DMO', 'RMO', 'SO')),
    CONSTRAINT ck_optimization_model_status CHECK (status IN ('active', 'archived'))
);

-- listModels: newest upload first; filtered lists and countModels stay small enough to sort
CREATE INDEX ix_optimization_model_uploaded ON optimization_model (uploaded_at DESC, id);

CREATE TABLE job_run (
    id             VARCHAR(255)                NOT NULL,
    model_id       VARCHAR(255)                NOT NULL,
    model_name     VARCHAR(1000)               NOT NULL,
    model_type     VARCHAR(16)                 NOT NULL,
    status         VARCHAR(16)                 NOT NULL,
    config         CHARACTER LARGE OBJECT      NOT NULL,
    data_source_id VARCHAR(1000),
    created_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP(9) WITH TIME ZONE,
    finished_at    TIMESTAMP(9) WITH TIME ZONE,
    error          CHARACTER LARGE OBJECT,
    result         CHARACTER LARGE OBJECT,
    log_file       VARCHAR(4096),
    line_count     BIGINT DEFAULT 0            NOT NULL,
    CONSTRAINT pk_job_run PRIMARY KEY (id),
    CONSTRAINT fk_job_run_model FOREIGN KEY (model_id) REFERENCES optimization_model (id),
    CONSTRAINT ck_job_run_type CHECK (model_type IN ('DMO', 'RMO', 'SO')),
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

-- readLogs walks the primary key (job_id, seq), stopping at its limit. No index on level and no
-- foreign key to job_run: each would add an index update per line on the hot path (appending);
-- measured, the foreign key alone cost a third of the writer's time. Lines are only ever written
-- for a job that was stored first.
CREATE TABLE job_log (
    job_id  VARCHAR(255)                NOT NULL,
    seq     BIGINT                      NOT NULL,
    level   VARCHAR(16)                 NOT NULL,
    message CHARACTER LARGE OBJECT      NOT NULL,
    ts      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_job_log PRIMARY KEY (job_id, seq),
    CONSTRAINT ck_job_log_level CHECK (level IN ('DEBUG', 'INFO', 'WARNING', 'ERROR'))
);
