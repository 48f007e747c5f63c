package com.sandboxopt.core.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobInputs;
import com.sandboxopt.core.JobModel;
import com.sandboxopt.core.JobOrigin;
import com.sandboxopt.core.JobOutcome;
import com.sandboxopt.core.JobPlacement;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.JobTimes;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for test models, jobs and log lines with unique ids and sensible defaults. */
public final class StorageFixtures {
    /** Sub-millisecond on purpose: timestamps must round-trip exactly. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z"); // storages keep microseconds

    private static final AtomicLong IDS = new AtomicLong();

    private StorageFixtures() {
    }

    public static ModelBuilder aModel() {
        return new ModelBuilder();
    }

    public static JobBuilder aJob(String modelId) {
        return new JobBuilder(modelId);
    }

    /** {@code count} INFO lines of a job with seq {@code firstSeq, firstSeq + 1, ...}. */
    public static List<LogLine> logLines(String jobId, long firstSeq, int count) {
        List<LogLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seq = firstSeq + i;
            lines.add(new LogLine(jobId, seq, LogLevel.INFO, "line " + seq, T0.plusMillis(seq)));
        }
        return lines;
    }

    public static LogLine logLine(String jobId, long seq, LogLevel level, String message) {
        return new LogLine(jobId, seq, level, message, T0.plusMillis(seq));
    }

    public static final class ModelBuilder {
        private final long n = IDS.incrementAndGet();
        private String id = "model-" + n;
        private String fileName = "model_" + n + ".py";
        private ModelType type = ModelType.DMO;
        private ModelStatus status = ModelStatus.ACTIVE;
        private String description = "test model " + n;
        private long sizeBytes = 42;
        private Instant uploadedAt = T0;
        private RuntimeKind runtime = RuntimeKind.GRAALPY;
        private String runtimeReason = "";
        private int version = 1;
        private Map<String, Object> configDefaults = Map.of();

        public ModelBuilder version(int value) {
            version = value;
            return this;
        }

        public ModelBuilder withConfigDefaults(Map<String, Object> value) {
            configDefaults = value;
            return this;
        }

        public ModelBuilder runningOn(RuntimeKind value, String reason) {
            runtime = value;
            runtimeReason = reason;
            return this;
        }

        public ModelBuilder withId(String value) {
            id = value;
            return this;
        }

        public ModelBuilder withFileName(String value) {
            fileName = value;
            return this;
        }

        public ModelBuilder ofType(ModelType value) {
            type = value;
            return this;
        }

        public ModelBuilder withStatus(ModelStatus value) {
            status = value;
            return this;
        }

        public ModelBuilder withDescription(String value) {
            description = value;
            return this;
        }

        public ModelBuilder withSizeBytes(long value) {
            sizeBytes = value;
            return this;
        }

        public ModelBuilder uploadedAt(Instant value) {
            uploadedAt = value;
            return this;
        }

        public Model build() {
            String name = type + "_" + uploadedAt.toEpochMilli() + "_" + fileName;
            return new Model(id, name, fileName, type, status, description, sizeBytes, uploadedAt, runtime, runtimeReason,
                    version, configDefaults);
        }
    }

    public static final class JobBuilder {
        private final String modelId;
        private String id = "job-" + IDS.incrementAndGet();
        private ModelType type = ModelType.DMO;
        private JobStatus status = JobStatus.QUEUED;
        private Map<String, Object> config = Map.of("horizon", 24);
        private String dataSourceId;
        private Instant createdAt = T0;
        private JobOrigin origin = JobOrigin.asked();
        private Instant deadline;
        private RuntimeKind runtime = RuntimeKind.GRAALPY;

        private JobBuilder(String modelId) {
            this.modelId = modelId;
        }

        public JobBuilder withId(String value) {
            id = value;
            return this;
        }

        public JobBuilder ofType(ModelType value) {
            type = value;
            return this;
        }

        public JobBuilder withStatus(JobStatus value) {
            status = value;
            return this;
        }

        public JobBuilder withConfig(Map<String, Object> value) {
            config = value;
            return this;
        }

        public JobBuilder withDataSourceId(String value) {
            dataSourceId = value;
            return this;
        }

        public JobBuilder runningOn(RuntimeKind value) {
            runtime = value;
            return this;
        }

        public JobBuilder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        /** Started by a schedule's firing. */
        public JobBuilder firedBy(String scheduleId, Instant scheduledFor) {
            origin = JobOrigin.schedule(scheduleId, scheduledFor);
            return this;
        }

        public JobBuilder withDeadline(Instant value) {
            deadline = value;
            return this;
        }

        public Job build() {
            return new Job(id, new JobModel(modelId, "name-of-" + modelId, type),
                    new JobInputs(config, dataSourceId, Map.of()), JobPlacement.on(runtime), JobTimes.acceptedAt(createdAt, deadline),
                    new JobOutcome(status, null, null, 0), origin);
        }
    }
}
