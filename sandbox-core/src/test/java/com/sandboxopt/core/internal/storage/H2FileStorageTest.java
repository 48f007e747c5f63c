package com.sandboxopt.core.internal.storage;

import static com.sandboxopt.core.internal.storage.StorageFixtures.T0;
import static com.sandboxopt.core.internal.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.internal.storage.StorageFixtures.aModel;
import static com.sandboxopt.core.internal.storage.StorageFixtures.logLine;
import static com.sandboxopt.core.internal.storage.StorageFixtures.logLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.storage.SandboxStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2FileStorageTest extends SandboxStorageContractTest {

    @TempDir
    Path directory;

    @Override
    protected SandboxStorage createStorage() {
        return JdbcStorage.h2File(directory);
    }

    @Test
    void keepsEverythingAcrossCloseAndReopen() {
        Model model = insert(aModel());
        String source = multiMegabyteUnicodeSource();
        Model big = aModel().build();
        storage.insertModel(big, source);
        Job job = insertJob(aJob(model.id()).withConfig(Map.of("horizon", 48, "nodes", List.of("A", "B"))));
        storage.markJobRunning(job.id(), T0.plusSeconds(1));
        storage.appendLogs(logLines(job.id(), 1, 2_500));
        storage.finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(9), null, Map.of("cost", 1.5), 2_500);
        Job finished = storage.findJob(job.id()).orElseThrow();
        storage.close();

        storage = JdbcStorage.h2File(directory);

        assertThat(storage.findModel(model.id())).contains(model);
        assertThat(storage.findModelSource(big.id())).hasValueSatisfying(s -> assertThat(s).isEqualTo(source));
        assertThat(storage.findJob(job.id())).contains(finished);
        assertThat(storage.readLogs(job.id(), LogQuery.all())).containsExactlyElementsOf(logLines(job.id(), 1, 2_500));
    }

    @Test
    void appliesEachMigrationOnceHoweverOftenItIsReopened() throws SQLException {
        Model model = insert(aModel());
        storage.close();
        for (int i = 0; i < 3; i++) {
            storage = JdbcStorage.h2File(directory);
            assertThat(storage.findModel(model.id())).contains(model);
            storage.close();
        }
        storage = null;

        assertThat(appliedMigrations()).containsExactly("1:initial schema:true", "2:log chunks:true", "3:runtimes:true",
                "4:data sources and artifacts:true", "5:model versions and metrics:true");
    }

    @Test
    void createsMissingDirectoriesForTheDatabaseFiles() {
        Path nested = directory.resolve("a/b/c");

        try (JdbcStorage nestedStorage = JdbcStorage.h2File(nested)) {
            nestedStorage.insertModel(aModel().build(), "pass");
        }

        assertThat(nested.resolve("sandbox.mv.db")).exists();
    }

    @Test
    void stillReadsLinesStoredOneRowEachBeforeChunks() throws SQLException {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage.close();
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO job_log (job_id, seq, level, message, ts) VALUES (?, ?, ?, ?, ?)")) {
            for (LogLine line : List.of(logLine(job.id(), 1, LogLevel.INFO, "old a"),
                    logLine(job.id(), 2, LogLevel.ERROR, "old b"), logLine(job.id(), 3, LogLevel.INFO, "old c"))) {
                insert.setString(1, line.jobId());
                insert.setLong(2, line.seq());
                insert.setString(3, line.level().name());
                insert.setString(4, line.message());
                insert.setObject(5, line.timestamp().atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }

        storage = JdbcStorage.h2File(directory);

        assertThat(storage.readLogs(job.id(), LogQuery.all())).extracting(LogLine::seq, LogLine::message)
                .containsExactly(tuple(1L, "old a"), tuple(2L, "old b"), tuple(3L, "old c"));
        assertThat(storage.readLogs(job.id(), new LogQuery(LogLevel.ERROR, 0, 10))).extracting(LogLine::message)
                .containsExactly("old b");
        assertThat(storage.readLogs(job.id(), LogQuery.after(1, 1))).extracting(LogLine::message).containsExactly("old b");
    }

    @Test
    void numbersModelsStoredBeforeVersionsInUploadOrderPerFileNameAndType() throws SQLException {
        storage.close();
        storage = null;
        java.io.File[] leftovers = directory.toFile().listFiles();
        for (java.io.File file : leftovers == null ? new java.io.File[0] : leftovers) {
            assertThat(file.delete()).isTrue();
        }
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(url(), "sa", "")
                .locations(SchemaMigration.LOCATION).table(SchemaMigration.HISTORY_TABLE).target("4").load().migrate();
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO optimization_model (id, model_name,"
                     + " file_name, model_type, status, description, size_bytes, source, uploaded_at)"
                     + " VALUES (?, ?, ?, ?, 'active', '', 1, 'x = 1', ?)")) {
            String[][] rows = {{"b", "dmo.py", "DMO", "20"}, {"a", "dmo.py", "DMO", "10"}, {"c", "dmo.py", "SO", "30"},
                {"d", "other.py", "DMO", "40"}, {"e", "dmo.py", "DMO", "50"}};
            for (String[] row : rows) {
                insert.setString(1, row[0]);
                insert.setString(2, row[2] + "_" + row[3] + "_" + row[1]);
                insert.setString(3, row[1]);
                insert.setString(4, row[2]);
                insert.setObject(5, T0.plusSeconds(Long.parseLong(row[3])).atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }

        storage = JdbcStorage.h2File(directory);

        Map<String, Integer> versions = new java.util.HashMap<>();
        for (String id : List.of("a", "b", "c", "d", "e")) {
            versions.put(id, storage.findModel(id).orElseThrow().version());
        }
        assertThat(versions).isEqualTo(Map.of("a", 1, "b", 2, "c", 1, "d", 1, "e", 3));
        assertThat(storage.latestModelVersion(com.sandboxopt.core.ModelType.DMO, "dmo.py")).isEqualTo(3);
    }

    private List<String> appliedMigrations() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT \"version\", \"description\", \"success\""
                     + " FROM \"sandbox_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
            }
        }
        return rows;
    }

    private String url() {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("sandbox");
    }
}
