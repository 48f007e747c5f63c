-- Several nodes on one database share its queue: any node stores a queued job, every node claims the oldest
-- one when it has a free slot, and runs it from what the row says (the model's source is in optimization_model,
-- the data sources' ids in data_source_id and data_sources, the limits here).

-- the node running the job; NULL while it is queued (and for jobs of a single node on H2)
ALTER TABLE job_run ADD COLUMN node_id VARCHAR(255);
-- the job's limits as a JSON object, so whichever node claims it applies the limits it was accepted with
ALTER TABLE job_run ADD COLUMN limits ${text};
-- how often a node claimed it: a job of a node that stopped is queued again at most once when configured so
ALTER TABLE job_run ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
-- a cancel sent to one node for a job another runs; the running node looks for it twice a second
ALTER TABLE job_run ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;

-- a node's running jobs: its cancel look-ups, its restart and the reaping of a node that stopped
CREATE INDEX ix_job_run_node ON job_run (node_id, status);

-- The nodes sharing the queue, each with its last heartbeat; a node silent past the timeout is taken as stopped.
-- Times are the database's own clock, so the nodes' clocks need not agree.
CREATE TABLE sandbox_node (
    id           VARCHAR(255)                NOT NULL,
    started_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sandbox_node PRIMARY KEY (id)
);

-- The bytes of data source files and artifacts for nodes that share no disk: each node keeps what it uses under
-- its own <dataDirectory>/files (by SHA-256, as on one node) and fetches what it lacks from here. A file's parts
-- (at most 1 MiB each) are written in one transaction, so a file whose part 0 is here is here whole.
CREATE TABLE file_blob (
    sha256 CHAR(64) NOT NULL,
    part   INTEGER  NOT NULL,
    bytes  ${bytes} NOT NULL,
    CONSTRAINT pk_file_blob PRIMARY KEY (sha256, part)
);
