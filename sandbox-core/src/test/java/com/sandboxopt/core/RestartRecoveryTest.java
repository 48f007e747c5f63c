package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.internal.storage.JdbcStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void modelsJobsAndLinesSurviveARestartAndUnfinishedJobsAreMarkedInterrupted() {
        String modelId;
        String jobId;
        try (Sandbox first = Sandbox.builder().dataDirectory(dataDir).build()) {
            Model model = TestSandbox.upload(first, "persist.py", ModelType.SO, "print('kept')\n");
            modelId = model.id();
            jobId = first.jobs().execute(ExecutionRequest.of(modelId)).await(Duration.ofMinutes(2)).id();
        }
        // What a crash leaves behind: a job still marked running, with some lines stored.
        try (JdbcStorage storage = JdbcStorage.h2File(dataDir.resolve("db"))) {
            Job crashed = new Job("SO_1_crash1", new JobModel(modelId, "SO_1_persist.py", ModelType.SO),
                    JobInputs.of(Map.of()), JobPlacement.on(RuntimeKind.GRAALPY), JobTimes.acceptedAt(Instant.now()),
                    JobOutcome.queued(), JobOrigin.asked());
            storage.insertJob(crashed);
            storage.markJobRunning(crashed.id(), Instant.now());
            storage.appendLogs(List.of(new LogLine(crashed.id(), 1, LogLevel.INFO, "halfway", Instant.now())));
        }

        try (Sandbox second = Sandbox.builder().dataDirectory(dataDir).build()) {
            assertThat(second.models().get(modelId).fileName()).isEqualTo("persist.py");
            assertThat(second.jobs().get(jobId).status()).isEqualTo(JobStatus.SUCCESS);
            assertThat(TestSandbox.messages(second, second.jobs().get(jobId))).containsExactly("kept");
            Job interrupted = second.jobs().get("SO_1_crash1");
            assertThat(interrupted.status()).isEqualTo(JobStatus.FAILED);
            assertThat(interrupted.error()).isEqualTo("interrupted by restart");
            assertThat(second.jobs().logs("SO_1_crash1", LogQuery.all())).extracting(LogLine::message).containsExactly("halfway");
        }
    }
}
