package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Opens the connection pools a {@link JdbcStorage} owns (H2's own pool for an H2 file or in-memory
 * database, HikariCP for a JDBC URL such as PostgreSQL's), and names the database behind any data
 * source. Kept apart from the storage so that the storage only stores, whoever opened its pool.
 */
final class DatabasePools {
    private DatabasePools() {
    }

    /** A pool a storage opened: its connections, and how to close it. */
    record Pool(DataSource connections, Runnable close) {
    }

    /** H2 in the files {@code <directory>/sandbox.*}; the directory is created if missing. */
    static Pool h2File(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE,
                    "Could not create the database directory " + dir + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: a commit reaches the file at once, not up to a second later, so a line a client was
        // shown survives kill -9 of the process (the operating system still holds it; no fsync per commit)
        return h2("jdbc:h2:file:" + dir.resolve("sandbox") + ";WRITE_DELAY=0");
    }

    /** A named H2 in-memory database, kept while the pool is open (the storage drops it on close). */
    static Pool h2InMemory(String name) {
        return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static Pool h2(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        return new Pool(pool, pool::dispose);
    }

    /** A HikariCP pool of at most {@code maxConnections} for a JDBC URL; it connects on first use. */
    static Pool hikari(String url, String user, String password, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setPoolName("sandbox-storage");
        config.setInitializationFailTimeout(-1); // connect on first use: the migration then says what went wrong
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Cannot use the database " + url.replaceAll("[?;].*$", "")
                    + ": " + e.getMessage(), e);
        }
        return new Pool(pool, pool::close);
    }

    /** Product, version and URL, without the URL's password or other parameters. */
    static String describe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String url = meta.getURL() == null ? "" : meta.getURL().replaceAll("[?;].*$", "");
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion().replaceAll("\\s.*$", "")
                    + " at " + url;
        } catch (SQLException e) {
            return "a JDBC database (" + e.getMessage() + ")";
        }
    }
}
