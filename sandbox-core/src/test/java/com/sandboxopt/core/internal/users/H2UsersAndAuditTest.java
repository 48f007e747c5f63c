package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.internal.storage.JdbcStorage;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;
import javax.sql.DataSource;

/** The contract on an H2 in-memory database. */
class H2UsersAndAuditTest extends UsersAndAuditContract {
    private final String name = "users-" + UUID.randomUUID();

    @Override
    protected JdbcStorage openStorage() {
        return JdbcStorage.h2InMemory(name);
    }

    @Override
    protected DataSource connections() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name);
        h2.setUser("sa");
        return h2;
    }
}
