package com.sandboxopt.core.internal.storage;

import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static com.sandboxopt.core.storage.StorageFixtures.logLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.internal.logs.LogBatchWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The background log writer over a real in-memory H2: what it stores, and in how many chunks. */
class LogBatchWriterTest {
    private final String database = "writer-" + UUID.randomUUID();
    private JdbcStorage storage;
    private LogBatchWriter writer;
    private String jobId;

    @BeforeEach
    void openStorage() {
        storage = JdbcStorage.h2InMemory(database);
        Model model = aModel().build();
        storage.insertModel(model, "print('hi')");
        Job job = aJob(model.id()).build();
        storage.insertJob(job);
        jobId = job.id();
        writer = new LogBatchWriter(storage);
    }

    @AfterEach
    void closeStorage() {
        writer.close();
        storage.close();
    }

    @Test
    void linesThatTrickleInShareChunksInsteadOfATransactionEach() throws Exception {
        List<LogLine> lines = logLines(jobId, 1, 80);
        for (LogLine line : lines) {
            writer.add(line);
            Thread.sleep(5); // a model printing steadily, slower than one transaction takes
        }
        writer.flushAndWait(Duration.ofSeconds(30));

        assertThat(storage.readLogs(jobId, LogQuery.after(0, 1_000))).containsExactlyElementsOf(lines);
        // Taken as they came, every line was its own transaction and chunk (80 here); the writer
        // now waits up to 50 ms for more, so a chunk holds about ten of these lines.
        assertThat(chunksOf(jobId)).isLessThan(lines.size() / 2);
    }

    @Test
    void aFlushStoresWhatCameBeforeItWithoutWaitingForMore() throws Exception {
        List<LogLine> lines = logLines(jobId, 1, 3);
        lines.forEach(writer::add);

        writer.flush().get(30, TimeUnit.SECONDS);

        assertThat(storage.readLogs(jobId, LogQuery.after(0, 100))).containsExactlyElementsOf(lines);
    }

    @Test
    void eachLineIsAnnouncedOnlyOnceItIsStoredAndOtherEventsKeepTheirPlace() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> expected = new java.util.ArrayList<>();
        for (LogLine line : logLines(jobId, 1, 3_000)) {
            writer.add(line, () -> heard.add((isStored(line) ? "stored " : "NOT STORED ") + line.seq()));
            expected.add("stored " + line.seq());
            if (line.seq() % 500 == 0) {
                writer.announce(() -> heard.add("progress after " + line.seq()));
                expected.add("progress after " + line.seq());
                com.sandboxopt.core.Metric point = new com.sandboxopt.core.Metric(jobId, line.seq() / 500, "objective",
                        line.seq(), line.seq(), line.timestamp());
                writer.addMetric(point, () -> heard.add((storage.readMetrics(jobId).contains(point) ? "stored " : "NOT STORED ")
                        + "metric " + point.seq()));
                expected.add("stored metric " + point.seq());
            }
        }
        writer.flushAndWait(Duration.ofSeconds(30));

        assertThat(heard).containsExactlyElementsOf(expected);
    }

    @Test
    void linesAddedTogetherAreStoredThenAnnouncedOneByOneInTheirPlace() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> expected = new java.util.ArrayList<>();
        List<LogLine> all = logLines(jobId, 1, 12_000); // more than one transaction's worth
        for (int from = 0; from < all.size(); from += 1_500) {
            List<LogLine> write = all.subList(from, from + 1_500); // e.g. one write of a printing model
            LogLine last = write.get(write.size() - 1);
            writer.addLines(write, line -> {
                if (line == write.get(0)) { // the whole write is stored before any of its lines is announced
                    heard.add((isStored(last) ? "stored" : "NOT STORED") + " up to " + last.seq());
                }
                heard.add("line " + line.seq());
            });
            expected.add("stored up to " + last.seq());
            write.forEach(line -> expected.add("line " + line.seq()));
            writer.announce(() -> heard.add("progress after " + last.seq()));
            expected.add("progress after " + last.seq());
        }
        writer.flushAndWait(Duration.ofSeconds(30));

        assertThat(heard).containsExactlyElementsOf(expected);
        assertThat(storage.readLogs(jobId, LogQuery.after(0, 100_000))).containsExactlyElementsOf(all);
    }

    @Test
    void aJobsFirstLineIsStoredAtOnceNotHeldForABatch() throws Exception {
        writer.close();
        writer = new LogBatchWriter(storage, Duration.ofSeconds(30)); // a held batch would wait that long
        List<LogLine> lines = logLines(jobId, 1, 6);
        writer.add(lines.get(0));

        await().atMost(Duration.ofSeconds(10)).until(() -> isStored(lines.get(0)));
        for (LogLine line : lines.subList(1, lines.size())) {
            writer.add(line);
        }
        writer.flushAndWait(Duration.ofSeconds(30));

        assertThat(firstChunkLines(jobId)).as("lines in the chunk holding line 1").isEqualTo(1);
        assertThat(storage.readLogs(jobId, LogQuery.after(0, 100))).containsExactlyElementsOf(lines);
    }

    private boolean isStored(LogLine line) {
        return !storage.readLogs(line.jobId(), LogQuery.after(line.seq() - 1, 1)).isEmpty();
    }

    private long firstChunkLines(String job) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + database, "sa", "");
             PreparedStatement first = connection.prepareStatement(
                     "SELECT line_count FROM job_log WHERE job_id = ? AND first_seq = 1")) {
            first.setString(1, job);
            try (ResultSet rs = first.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long chunksOf(String job) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + database, "sa", "");
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM job_log WHERE job_id = ?")) {
            count.setString(1, job);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
