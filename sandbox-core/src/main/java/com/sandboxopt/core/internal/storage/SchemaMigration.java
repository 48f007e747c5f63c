package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the database schema up to date with Flyway; safe to run on every start. One set of migrations serves
 * H2 and PostgreSQL: the few types that differ are placeholders filled per dialect.
 */
final class SchemaMigration {
    /** Our own location and history table, so an embedding application's Flyway setup is untouched. */
    static final String LOCATION = "classpath:db/sandbox";
    static final String HISTORY_TABLE = "sandbox_schema_history";

    private SchemaMigration() {
    }

    /** Creates or upgrades the schema; returns which database it is. */
    static Dialect migrate(DataSource dataSource) {
        Dialect dialect = Dialect.of(dataSource);
        refusePreReleaseSchema(dataSource);
        try {
            Flyway.configure(SchemaMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .placeholders(dialect.placeholders())
                    // the schema may already hold the application's tables: start below V1 so ours still get created
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE,
                    "Could not migrate the sandbox database schema: " + e.getMessage(), e);
        }
        return dialect;
    }

    /**
     * Databases made before the schema was folded into one first version (they hold versions 2 to 5) cannot be
     * migrated: say so plainly instead of Flyway's checksum report.
     */
    private static void refusePreReleaseSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!hasTable(connection, HISTORY_TABLE)) {
                return;
            }
            try (Statement sql = connection.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM \"" + HISTORY_TABLE + "\" WHERE \"version\" IN"
                         + " ('2', '3', '4', '5') AND \"description\" IN ('log chunks', 'runtimes',"
                         + " 'data sources and artifacts', 'model versions and metrics')")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    throw new SandboxException(ErrorCode.STORAGE_FAILURE, "This database was made by a pre-release"
                            + " version of the sandbox whose schema cannot be upgraded: start with a new data directory"
                            + " (or database), and move the old one away to keep its files");
                }
            }
        } catch (SQLException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Could not read the sandbox schema's history: "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, name, null)) {
            return tables.next();
        }
    }

    /** The databases the schema is written for. */
    enum Dialect {
        H2(Map.of("text", "CHARACTER LARGE OBJECT", "bytes", "BINARY LARGE OBJECT",
                "auditAppendOnly", "CREATE TRIGGER tr_audit_entry_append_only BEFORE UPDATE, DELETE ON audit_entry"
                        + " FOR EACH ROW CALL '" + AuditAppendOnly.class.getName() + "';")),
        POSTGRESQL(Map.of("text", "TEXT", "bytes", "BYTEA",
                "auditAppendOnly", "CREATE FUNCTION sandbox_audit_append_only() RETURNS trigger LANGUAGE plpgsql"
                        + " AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;\n"
                        + "CREATE TRIGGER tr_audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry"
                        + " FOR EACH ROW EXECUTE FUNCTION sandbox_audit_append_only();\n"
                        + "CREATE TRIGGER tr_audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION sandbox_audit_append_only();"));

        private final Map<String, String> placeholders;

        Dialect(Map<String, String> placeholders) {
            this.placeholders = placeholders;
        }

        Map<String, String> placeholders() {
            return placeholders;
        }

        static Dialect of(DataSource dataSource) {
            String product;
            try (Connection connection = dataSource.getConnection()) {
                product = connection.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Could not connect to the sandbox database: "
                        + e.getMessage(), e);
            }
            if (product.equalsIgnoreCase("H2")) {
                return H2;
            }
            if (product.equalsIgnoreCase("PostgreSQL")) {
                return POSTGRESQL;
            }
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "The sandbox stores its data in H2 or PostgreSQL, not "
                    + product + ": give a jdbc:postgresql:// URL, or leave the database unset for H2");
        }
    }
}
