package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.storage.IdempotencyStorage;
import com.sandboxopt.core.storage.IdempotencyStorageContract;
import com.sandboxopt.core.testing.TestPostgres;

/** The contract on a real PostgreSQL server, through the HikariCP pool a JDBC URL gets. */
class PostgresIdempotencyStorageTest extends IdempotencyStorageContract {
    private JdbcStorage storage;

    @Override
    protected IdempotencyStorage createStorage() {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        storage = JdbcStorage.pooled(database.url(), database.user(), database.password(), 10);
        return storage.idempotencyKeys();
    }

    @Override
    protected void close() {
        storage.close();
    }
}
