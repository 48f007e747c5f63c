package com.sandboxopt.core.storage;

import static com.sandboxopt.core.storage.StorageFixtures.T0;
import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static com.sandboxopt.core.storage.StorageFixtures.logLine;
import static com.sandboxopt.core.storage.StorageFixtures.logLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.SandboxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do for log lines: appending and reading them, in order, whole. */
public interface LogStoreContract extends StorageContractSupport {

    @Test
    default void appendsLogLinesAndReadsThemBackInSeqOrder() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        List<LogLine> lines = List.of(
                logLine(jobId, 1, LogLevel.INFO, "starting"),
                logLine(jobId, 2, LogLevel.DEBUG, "x = 1"),
                logLine(jobId, 3, LogLevel.WARNING, "slow solver"),
                logLine(jobId, 4, LogLevel.ERROR, "infeasible"));

        storage().appendLogs(lines);

        assertThat(storage().readLogs(jobId, LogQuery.all())).containsExactlyElementsOf(lines);
    }

    @Test
    default void readsLogLinesAfterAGivenSeq() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage().appendLogs(logLines(jobId, 1, 10));

        assertThat(storage().readLogs(jobId, LogQuery.after(7, 100))).extracting(LogLine::seq).containsExactly(8L, 9L, 10L);
        assertThat(storage().readLogs(jobId, LogQuery.after(10, 100))).isEmpty();
    }

    @Test
    default void readsOnlyLogLinesOfTheRequestedLevel() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage().appendLogs(List.of(
                logLine(jobId, 1, LogLevel.INFO, "a"),
                logLine(jobId, 2, LogLevel.ERROR, "b"),
                logLine(jobId, 3, LogLevel.INFO, "c"),
                logLine(jobId, 4, LogLevel.ERROR, "d"),
                logLine(jobId, 5, LogLevel.ERROR, "e")));

        assertThat(storage().readLogs(jobId, new LogQuery(LogLevel.ERROR, 0, 100))).extracting(LogLine::message)
                .containsExactly("b", "d", "e");
        assertThat(storage().readLogs(jobId, new LogQuery(LogLevel.ERROR, 2, 1))).extracting(LogLine::seq)
                .containsExactly(4L);
        assertThat(storage().readLogs(jobId, new LogQuery(LogLevel.DEBUG, 0, 100))).isEmpty();
    }

    @Test
    default void findsRareLevelsAndResumesMidwayAcrossManyStoredChunks() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        List<LogLine> lines = new ArrayList<>();
        for (int seq = 1; seq <= 5_000; seq++) {
            lines.add(logLine(jobId, seq, seq % 1_500 == 0 ? LogLevel.ERROR : LogLevel.INFO, "line " + seq));
        }
        storage().appendLogs(lines.subList(0, 2_345));
        storage().appendLogs(lines.subList(2_345, 5_000));

        assertThat(storage().readLogs(jobId, new LogQuery(LogLevel.ERROR, 0, 100))).extracting(LogLine::seq)
                .containsExactly(1_500L, 3_000L, 4_500L);
        assertThat(storage().readLogs(jobId, new LogQuery(LogLevel.ERROR, 1_500, 1))).extracting(LogLine::seq)
                .containsExactly(3_000L);
        assertThat(storage().readLogs(jobId, LogQuery.after(2_340, 10))).containsExactlyElementsOf(lines.subList(2_340, 2_350));
        assertThat(storage().readLogs(jobId, LogQuery.after(4_998, 10))).containsExactlyElementsOf(lines.subList(4_998, 5_000));
    }

    @Test
    default void readsAtMostTheLimitOfLogLines() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage().appendLogs(logLines(jobId, 1, 50));

        assertThat(storage().readLogs(jobId, LogQuery.after(0, 5))).extracting(LogLine::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(storage().readLogs(jobId, LogQuery.after(45, 20))).hasSize(5);
    }

    @Test
    default void keepsTheLogLinesOfDifferentJobsApart() {
        String modelId = insert(aModel()).id();
        String first = insertJob(aJob(modelId)).id();
        String second = insertJob(aJob(modelId)).id();
        List<LogLine> mixed = new ArrayList<>(logLines(first, 1, 3));
        mixed.addAll(logLines(second, 1, 2));

        storage().appendLogs(mixed);

        assertThat(storage().readLogs(first, LogQuery.all())).containsExactlyElementsOf(logLines(first, 1, 3));
        assertThat(storage().readLogs(second, LogQuery.all())).containsExactlyElementsOf(logLines(second, 1, 2));
        assertThat(storage().readLogs("no-such-job", LogQuery.all())).isEmpty();
    }

    @Test
    default void storesVeryLongUnicodeLogMessages() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        String long64k = "é✓𝄞".repeat(25_000);
        String long2m = "x".repeat(2 * 1024 * 1024);
        List<LogLine> lines = List.of(
                logLine(jobId, 1, LogLevel.INFO, long64k),
                logLine(jobId, 2, LogLevel.INFO, ""),
                logLine(jobId, 3, LogLevel.INFO, long2m));

        storage().appendLogs(lines);

        List<LogLine> read = storage().readLogs(jobId, LogQuery.all());
        assertThat(read).hasSize(3);
        assertThat(read.get(0).message()).isEqualTo(long64k);
        assertThat(read.get(1).message()).isEmpty();
        assertThat(read.get(2).message()).isEqualTo(long2m);
    }

    @Test
    default void appendingNoLinesDoesNothing() {
        storage().appendLogs(List.of());
    }

    @Test
    default void raisesTheLineCountOfARunningJobAsLinesArrive() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage().markJobRunning(jobId, T0);

        storage().appendLogs(logLines(jobId, 1, 10));
        assertThat(storage().findJob(jobId).orElseThrow().outcome().lineCount()).isEqualTo(10);
        storage().appendLogs(logLines(jobId, 11, 5));
        assertThat(storage().findJob(jobId).orElseThrow().outcome().lineCount()).isEqualTo(15);

        storage().finishJob(jobId, JobStatus.SUCCESS, T0.plusSeconds(1), null, null, 20);
        assertThat(storage().findJob(jobId).orElseThrow().outcome().lineCount()).isEqualTo(20);
    }

    @Test
    default void storesNoneOfABatchWhenOneOfItsLinesFails() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage().appendLogs(logLines(jobId, 1, 3));
        List<LogLine> batch = new ArrayList<>(logLines(jobId, 4, 10_000));
        batch.add(logLine(jobId, 2, LogLevel.INFO, "seq 2 again"));

        assertThatThrownBy(() -> storage().appendLogs(batch))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Could not store log lines of job " + jobId + ": ");

        assertThat(storage().readLogs(jobId, LogQuery.all())).containsExactlyElementsOf(logLines(jobId, 1, 3));
        assertThat(storage().findJob(jobId).orElseThrow().outcome().lineCount()).isEqualTo(3);
    }

    @Test
    default void rejectsARepeatedSeqAndStoresNoneOfThatBatch() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage().appendLogs(logLines(jobId, 1, 2));

        assertThatThrownBy(() -> storage().appendLogs(logLines(jobId, 2, 3)))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
        assertThat(storage().readLogs(jobId, LogQuery.all())).extracting(LogLine::seq).containsExactly(1L, 2L);
    }

    @Test
    default void appendsAHundredThousandLinesInBatchesOfAThousandAndReadsThemBackInOrder() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        int total = 100_000;
        for (int first = 1; first <= total; first += 1_000) {
            storage().appendLogs(logLines(jobId, first, 1_000));
        }

        List<LogLine> read = storage().readLogs(jobId, LogQuery.all());

        assertThat(read).hasSize(total);
        for (int i = 0; i < total; i++) {
            LogLine line = read.get(i);
            assertThat(line.seq()).isEqualTo(i + 1L);
            assertThat(line.message()).isEqualTo("line " + (i + 1));
        }
        assertThat(read.get(total - 1)).isEqualTo(logLines(jobId, total, 1).get(0));
        assertThat(storage().findJob(jobId).orElseThrow().outcome().lineCount()).isEqualTo(total);
    }

    @Test
    default void appendsLogsOfManyJobsFromManyThreadsAtOnce() throws Exception {
        String modelId = insert(aModel()).id();
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobIds.add(insertJob(aJob(modelId)).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobIds.size());
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String jobId : jobIds) {
                writers.add(pool.submit(() -> {
                    for (int first = 1; first <= 2_000; first += 100) {
                        storage().appendLogs(logLines(jobId, first, 100));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (String jobId : jobIds) {
            assertThat(storage().readLogs(jobId, LogQuery.all())).containsExactlyElementsOf(logLines(jobId, 1, 2_000));
        }
    }
}
