package com.sandboxopt.core.internal.storage;

import static com.sandboxopt.core.storage.StorageFixtures.T0;
import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static com.sandboxopt.core.storage.StorageFixtures.logLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.storage.SandboxStorage;
import com.sandboxopt.core.storage.SandboxStorageContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2FileStorageTest extends SandboxStorageContract {

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

        assertThat(appliedMigrations()).containsExactly("1:schema:true", "2:shared queue:true", "3:idempotency keys:true",
                "4:job deadline:true", "5:schedules:true", "6:users and audit:true",
                "7:experiments:true", "8:job usage:true");
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
    void aDatabaseOfThePreReleaseSchemaIsRefusedWithWhatToDo() throws SQLException {
        storage.close();
        storage = null;
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO \"sandbox_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '2', 'log chunks', 'SQL', 'V2__log_chunks.sql', 1, 'sa', 1, TRUE)");
        }

        assertThatThrownBy(() -> JdbcStorage.h2File(directory)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("pre-release").hasMessageContaining("new data directory");
    }

    @Test
    void aDatabaseOfVersionThreeGainsDeadlinesSchedulesLineageOwnersAndUsageAndItsJobsHaveNone() throws SQLException {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage.close();
        storage = null;
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             Statement sql = connection.createStatement()) { // back to what version 3 left
            sql.execute("ALTER TABLE job_run DROP COLUMN cpu_ms");
            sql.execute("ALTER TABLE job_run DROP COLUMN peak_memory_bytes");
            sql.execute("DROP TABLE experiment");
            sql.execute("DROP TABLE experiment_run");
            sql.execute("DROP INDEX ix_job_run_experiment");
            sql.execute("ALTER TABLE job_run DROP COLUMN experiment_id");
            sql.execute("DROP TABLE app_user");
            sql.execute("DROP TABLE user_credential");
            sql.execute("DROP TABLE audit_entry");
            sql.execute("DROP INDEX ix_job_run_owner_status");
            sql.execute("DROP INDEX ix_job_run_owner_started");
            for (String table : List.of("optimization_model", "data_source", "job_run")) {
                sql.execute("ALTER TABLE " + table + " DROP COLUMN owner");
            }
            sql.execute("ALTER TABLE job_run DROP COLUMN priority");
            sql.execute("DROP TABLE job_schedule");
            sql.execute("DROP TABLE schedule_skip");
            sql.execute("DROP TABLE scheduled_tasks");
            sql.execute("DROP INDEX ux_job_run_firing");
            for (String column : List.of("deadline", "schedule_id", "scheduled_for", "publish_as")) {
                sql.execute("ALTER TABLE job_run DROP COLUMN " + column);
            }
            sql.execute("ALTER TABLE data_source DROP COLUMN produced_by");
            sql.execute("DELETE FROM \"sandbox_schema_history\" WHERE \"version\" IN ('4', '5', '6', '7', '8')");
        }

        storage = JdbcStorage.h2File(directory);

        assertThat(storage.findJob(job.id())).contains(job);
        assertThat(storage.findJob(job.id()).orElseThrow().times().deadline()).isNull();
        assertThat(storage.findJob(job.id()).orElseThrow().origin()).isEqualTo(com.sandboxopt.core.JobOrigin.asked());
        assertThat(storage.findJob(job.id()).orElseThrow().usage()).isEqualTo(com.sandboxopt.core.JobUsage.unknown());
        assertThat(appliedMigrations()).endsWith("4:job deadline:true", "5:schedules:true", "6:users and audit:true",
                "7:experiments:true", "8:job usage:true");
    }

    @Test
    void leavesTheLogFileColumnEmptyAndStillReadsARowThatHasOne() throws SQLException {
        Model model = insert(aModel());
        Job job = insertJob(aJob(model.id()));
        storage.close();
        storage = null;
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             Statement sql = connection.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT log_file FROM job_run WHERE id = '" + job.id() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
            }
            // what earlier versions wrote: the accepting node's path
            sql.executeUpdate("UPDATE job_run SET log_file = '/srv/sandbox/logs/optimization/" + job.id() + ".log'"
                    + " WHERE id = '" + job.id() + "'");
        }

        storage = JdbcStorage.h2File(directory);

        assertThat(storage.findJob(job.id())).contains(job);
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
