package com.sandboxopt.core.internal.storage;

import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.storage.SandboxStorage;
import com.sandboxopt.core.storage.SandboxStorageContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2InMemoryStorageTest extends SandboxStorageContract {

    @Override
    protected SandboxStorage createStorage() {
        return JdbcStorage.h2InMemory("contract-" + UUID.randomUUID());
    }

    @Test
    void dropsTheDatabaseOnCloseSoTheSameNameStartsEmpty() {
        String name = "reused-" + UUID.randomUUID();
        try (JdbcStorage first = JdbcStorage.h2InMemory(name)) {
            first.insertModel(aModel().build(), "pass");
        }

        try (JdbcStorage second = JdbcStorage.h2InMemory(name)) {
            assertThat(second.listModels(ModelQuery.all())).isEmpty();
        }
    }

    @Test
    void sharesADatabaseWithTheEmbeddingApplicationWithoutTouchingItsTables() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection keepAlive = dataSource.getConnection(); Statement sql = keepAlive.createStatement()) {
            sql.execute("CREATE TABLE app_order (id INT PRIMARY KEY)");
            sql.execute("INSERT INTO app_order VALUES (1)");

            Model model = aModel().build();
            try (JdbcStorage storage = new JdbcStorage(dataSource)) {
                storage.insertModel(model, "pass");
            }
            // closing a storage over the caller's data source leaves the database open
            try (JdbcStorage reopened = new JdbcStorage(dataSource)) {
                assertThat(reopened.findModel(model.id())).contains(model);
            }

            assertThat(count(sql, "SELECT COUNT(*) FROM app_order")).isEqualTo(1);
            assertThat(count(sql, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_NAME = 'flyway_schema_history'")).isZero();
            sql.execute("SHUTDOWN");
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
