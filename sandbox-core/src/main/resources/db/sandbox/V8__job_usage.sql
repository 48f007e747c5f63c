-- What a job used, as the sandbox measured it once the job's code ended (JobStore.recordUsage): CPU time of its code
-- and solves in milliseconds, and the high-water mark of its memory in bytes. NULL where it was not measured: jobs
-- from before this migration, jobs that never ran, peak memory on GraalPy (its jobs share the JVM's heap).
ALTER TABLE job_run ADD COLUMN cpu_ms BIGINT;
ALTER TABLE job_run ADD COLUMN peak_memory_bytes BIGINT;
