package com.sandboxopt.server;

import com.sandboxopt.core.testing.TestPostgres;

import java.util.Map;

/** The same rules on a server whose users, sessions, tokens and audit trail live in a real PostgreSQL. */
class PostgresSecurityOverApiTest extends SecurityOverApiTest {
    @Override
    protected Map<String, Object> moreSettings() {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        return Map.of("sandbox.database.url", database.url(), "sandbox.database.user", database.user(),
                "sandbox.database.password", database.password());
    }
}
