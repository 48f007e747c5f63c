-- Data sources: immutable sets of files, versioned by name. The bytes live in the data directory's
-- content-addressed file store (files/<2 hex>/<sha256>), so versions that share a file share its
-- bytes; these tables hold what names them. An artifact is a file a job left under output/.
CREATE TABLE data_source (
    id          VARCHAR(64)                 NOT NULL,
    name        VARCHAR(255)                NOT NULL,
    version     INTEGER                     NOT NULL,
    description CHARACTER LARGE OBJECT,
    size_bytes  BIGINT                      NOT NULL,
    uploaded_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
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

-- The data sources a job mounted by alias, as a JSON object alias -> exact id; NULL when none.
ALTER TABLE job_run ADD COLUMN data_sources CHARACTER LARGE OBJECT;
