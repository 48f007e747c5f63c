-- Deadlines: the instant by which a job must have ended (ExecutionRequest.withDeadline); NULL when it has none.
-- Every node enforces it from here: the one that runs the job, and whichever ends a job still queued at its deadline.
ALTER TABLE job_run ADD COLUMN deadline TIMESTAMP(6) WITH TIME ZONE;
