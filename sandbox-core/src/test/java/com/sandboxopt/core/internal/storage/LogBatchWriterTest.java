package com.sandboxopt.core.internal.storage;

import static com.sandboxopt.core.internal.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.internal.storage.StorageFixtures.aModel;
import static com.sandboxopt.core.internal.storage.StorageFixtures.logLines;
import static org.assertj.core.api.Assertions.assertThat;

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

    private long chunksOf(String job) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + database, "sa", "");
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM job_log_chunk WHERE job_id = ?")) {
            count.setString(1, job);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
