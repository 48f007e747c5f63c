-- Log lines are stored in chunks: one row holds up to a thousand consecutive lines of one job
-- (encoded by LogChunkCodec). A row per line made H2's transactional insert the limit of a chatty
-- model (~10 us of writer time per line); a row per chunk costs a fraction of that per line.
-- readLogs walks the primary key from the first chunk ending after afterSeq; `levels` has one bit
-- per level present in the chunk, so a level filter skips chunks without that level unread.
-- job_log stays: lines stored before this version are read from it (they are never rewritten).
CREATE TABLE job_log_chunk (
    job_id     VARCHAR(255)        NOT NULL,
    last_seq   BIGINT              NOT NULL,
    first_seq  BIGINT              NOT NULL,
    line_count INTEGER             NOT NULL,
    levels     INTEGER             NOT NULL,
    lines      BINARY LARGE OBJECT NOT NULL,
    CONSTRAINT pk_job_log_chunk PRIMARY KEY (job_id, last_seq)
);
