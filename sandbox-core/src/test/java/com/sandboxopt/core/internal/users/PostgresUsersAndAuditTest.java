package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.internal.storage.JdbcStorage;
import com.sandboxopt.core.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** The contract on a real PostgreSQL server. */
class PostgresUsersAndAuditTest extends UsersAndAuditContract {
    private TestPostgres.Database database;

    @Override
    protected JdbcStorage openStorage() {
        database = TestPostgres.get().newDatabase();
        return JdbcStorage.pooled(database.url(), database.user(), database.password(), 4);
    }

    @Override
    protected DataSource connections() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(database.url());
        pg.setUser(database.user());
        pg.setPassword(database.password());
        return pg;
    }
}
