package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Brings the database schema up to date with Flyway; safe to run on every start. */
final class SchemaMigration {
    /** Our own location and history table, so an embedding application's Flyway setup is untouched. */
    static final String LOCATION = "classpath:db/sandbox";
    static final String HISTORY_TABLE = "sandbox_schema_history";

    private SchemaMigration() {
    }

    static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(SchemaMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    // the schema may already hold the application's tables: start below V1 so ours still get created
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE,
                    "Could not migrate the sandbox database schema: " + e.getMessage(), e);
        }
    }
}
