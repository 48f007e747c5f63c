-- A model's version counts the uploads of its file name per type (1, 2, 3, ...; archived ones count);
-- existing models are numbered in upload order. config_defaults is the JSON object a run starts from.
ALTER TABLE optimization_model ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE optimization_model ADD COLUMN config_defaults CHARACTER LARGE OBJECT;
UPDATE optimization_model m SET version = (
    SELECT COUNT(*) FROM optimization_model o
    WHERE o.model_type = m.model_type AND o.file_name = m.file_name
      AND (o.uploaded_at < m.uploaded_at OR (o.uploaded_at = m.uploaded_at AND o.id <= m.id)));
ALTER TABLE optimization_model ADD CONSTRAINT uq_optimization_model_version UNIQUE (model_type, file_name, version);

-- The numbers a job reported (sandbox.metric, the solver's mip_*), so a job's charts survive a reload.
-- Read whole per job in seq order; written a point at a time, at most a fixed number per job.
CREATE TABLE job_metric (
    job_id VARCHAR(255)                NOT NULL,
    seq    BIGINT                      NOT NULL,
    name   VARCHAR(255)                NOT NULL,
    metric_value DOUBLE PRECISION      NOT NULL,
    step   BIGINT,
    ts     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_job_metric PRIMARY KEY (job_id, seq)
);
