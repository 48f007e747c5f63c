package com.sandboxopt.core.internal.storage;

import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.Model;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.storage.SandboxStorage;
import com.sandboxopt.core.storage.SandboxStorageContract;
import com.sandboxopt.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The storage contract on a real PostgreSQL server, through the HikariCP pool a JDBC URL gets. */
class PostgresStorageTest extends SandboxStorageContract {
    private TestPostgres.Database database;

    @Override
    protected SandboxStorage createStorage() {
        database = TestPostgres.get().newDatabase();
        return JdbcStorage.pooled(database.url(), database.user(), database.password(), 4);
    }

    @Test
    void keepsEverythingAcrossCloseAndReopen() {
        Model model = aModel().build();
        storage.insertModel(model, "x = 'ünïcode'\n");
        storage.insertJob(aJob(model.id()).build());
        storage.close();

        storage = JdbcStorage.pooled(database.url(), database.user(), database.password(), 2);

        assertThat(storage.findModel(model.id())).contains(model);
        assertThat(storage.findModelSource(model.id())).contains("x = 'ünïcode'\n");
    }

    @Test
    void aWrongPasswordOrHostSaysWhichDatabaseCouldNotBeReached() {
        assertThatThrownBy(() -> JdbcStorage.pooled("jdbc:postgresql://127.0.0.1:1/nothing", "nobody", "", 1).close())
                .isInstanceOf(SandboxException.class).hasMessageContaining("Could not connect to the sandbox database");
    }
}
