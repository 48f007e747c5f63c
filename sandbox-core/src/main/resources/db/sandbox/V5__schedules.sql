-- Schedules: a model run on a cron expression in a time zone, or after another schedule's job succeeds; and
-- published outputs, which chain one schedule's job to the next.
CREATE TABLE job_schedule (
    id             VARCHAR(255)                NOT NULL,
    name           VARCHAR(255)                NOT NULL,
    -- the model it runs; with follow_latest, each firing takes the newest active version of its file name and type
    model_id       VARCHAR(255)                NOT NULL,
    follow_latest  BOOLEAN                     NOT NULL,
    -- exactly one of cron and after_schedule
    cron           VARCHAR(255),
    timezone       VARCHAR(64)                 NOT NULL,
    after_schedule VARCHAR(255),
    config         ${text}                     NOT NULL,
    data_source_id VARCHAR(1000),
    -- alias -> id or name, as a JSON object; NULL when none
    data_sources   ${text},
    runtime        VARCHAR(16),
    overlap        VARCHAR(16)                 NOT NULL,
    misfire        VARCHAR(16)                 NOT NULL,
    -- an ISO-8601 duration after the fire time; NULL when none
    deadline       VARCHAR(64),
    publish_as     VARCHAR(255),
    enabled        BOOLEAN                     NOT NULL,
    owner          VARCHAR(255),
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_job_schedule PRIMARY KEY (id),
    CONSTRAINT ck_job_schedule_overlap CHECK (overlap IN ('skip', 'queue', 'cancel-previous')),
    CONSTRAINT ck_job_schedule_misfire CHECK (misfire IN ('run-once', 'skip'))
);

CREATE INDEX ix_job_schedule_after ON job_schedule (after_schedule);

-- A firing that started no job (skipped for an overlap, a misfire, a paused or archived model), with the reason. The
-- key keeps one record per firing whichever node saw it.
CREATE TABLE schedule_skip (
    schedule_id   VARCHAR(255)                NOT NULL,
    scheduled_for TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reason        ${text}                     NOT NULL,
    recorded_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_schedule_skip PRIMARY KEY (schedule_id, scheduled_for)
);

-- The job a firing started. The unique key is the last guard against a second job for one firing, whatever the
-- scheduler and the nodes do; jobs started by hand leave both NULL.
ALTER TABLE job_run ADD COLUMN schedule_id VARCHAR(255);
ALTER TABLE job_run ADD COLUMN scheduled_for TIMESTAMP(6) WITH TIME ZONE;
CREATE UNIQUE INDEX ux_job_run_firing ON job_run (schedule_id, scheduled_for);

-- Chained runs: the data source a job's output/ becomes on success (publishAs), and the job a data source version
-- came from (NULL for an upload).
ALTER TABLE job_run ADD COLUMN publish_as VARCHAR(255);
ALTER TABLE data_source ADD COLUMN produced_by VARCHAR(255);

-- db-scheduler's table: one row per enabled schedule, holding its next fire time; the nodes take a due row in turn
-- (picked, version), so one node fires each time.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(255)                NOT NULL,
    task_instance        VARCHAR(255)                NOT NULL,
    task_data            ${bytes},
    execution_time       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                     NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP(6) WITH TIME ZONE,
    last_failure         TIMESTAMP(6) WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP(6) WITH TIME ZONE,
    version              BIGINT                      NOT NULL,
    priority             SMALLINT,
    CONSTRAINT pk_scheduled_tasks PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX ix_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
