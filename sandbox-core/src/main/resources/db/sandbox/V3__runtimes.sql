-- Where a model's jobs run (graalpy or cpython), why (what the upload asked for, or what `auto`
-- saw in the model's imports), and where each job ran (the model's runtime or an override).
ALTER TABLE optimization_model ADD COLUMN runtime VARCHAR(16) DEFAULT 'graalpy' NOT NULL;
ALTER TABLE optimization_model ADD COLUMN runtime_reason VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE optimization_model ADD CONSTRAINT ck_optimization_model_runtime CHECK (runtime IN ('graalpy', 'cpython'));
ALTER TABLE job_run ADD COLUMN runtime VARCHAR(16) DEFAULT 'graalpy' NOT NULL;
ALTER TABLE job_run ADD CONSTRAINT ck_job_run_runtime CHECK (runtime IN ('graalpy', 'cpython'));
