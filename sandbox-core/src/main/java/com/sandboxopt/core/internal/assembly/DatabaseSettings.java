package com.sandboxopt.core.internal.assembly;

import com.sandboxopt.core.internal.storage.JdbcStorage;
import javax.sql.DataSource;

/** A database given to the builder: a JDBC URL with its user and password, or the caller's own data source. */
public record DatabaseSettings(String url, String user, String password, DataSource dataSource) {

    /** Never the password: the settings may end up in a log line or an exception. */
    @Override
    public String toString() {
        return dataSource != null ? "DatabaseSettings[dataSource=" + dataSource.getClass().getName() + "]"
                : "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }

    /** A pool of its own for a URL (closed with the storage); a caller's data source is left for the caller to close. */
    JdbcStorage open(int poolSize) {
        return dataSource != null ? new JdbcStorage(dataSource)
                : JdbcStorage.pooled(url, user, password, Math.max(10, poolSize + 4));
    }
}
