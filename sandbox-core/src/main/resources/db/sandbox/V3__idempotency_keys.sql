-- Idempotency keys (Sandbox.idempotentAnswers; the server's Idempotency-Key header): a request that must run at most
-- once per key claims the key by inserting its row, and the primary key lets exactly one of several requests win,
-- whichever node each reached. The winner runs, then stores its answer, or deletes the row when it failed; the others
-- read the answer (or wait for it while it is NULL). created_at is the database's clock (CURRENT_TIMESTAMP), so the
-- nodes' clocks need not agree; a row older than the window is taken as absent, and pruned. Named sandbox_... as
-- sandbox_node is: an embedding application sharing the schema may well have an idempotency_key table of its own.
CREATE TABLE sandbox_idempotency_key (
    -- the key as the caller sent it
    id          VARCHAR(255)                NOT NULL,
    -- the claim that holds the key: only its answer or release counts (a claim taken over gets a new id)
    claim_id    VARCHAR(36)                 NOT NULL,
    -- what the first request asked for (the server's: a SHA-256 of the body); the same key with another is a conflict
    fingerprint ${text}                     NOT NULL,
    -- the node that claimed it (sandbox.node-id); NULL for a node alone on its database (H2)
    node_id     VARCHAR(255),
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- the first request's answer as its caller wrote it; NULL while that request is still in flight
    answer      ${text},
    CONSTRAINT pk_sandbox_idempotency_key PRIMARY KEY (id)
);

-- pruning: the rows older than the window, and the oldest beyond the bound of keys
CREATE INDEX ix_sandbox_idempotency_key_created ON sandbox_idempotency_key (created_at);
