package com.sandboxopt.core.storage;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceQuery;
import com.sandboxopt.core.DataSourceStatus;
import java.util.List;
import java.util.Optional;

/**
 * Where data sources (with their file lists) and the artifacts jobs leave are recorded; the files' bytes are kept
 * elsewhere, by hash. Thread-safe; failures are {@code STORAGE_FAILURE}.
 */
public interface DataStore {

    /**
     * Stores a data source and its file list as the next version of its name ({@code version} of the argument is
     * ignored) and returns it as stored.
     */
    DataSource insertDataSource(DataSource dataSource);

    Optional<DataSource> findDataSource(String id);

    /** The highest version stored under the name. */
    Optional<DataSource> findLatestDataSource(String name);

    /** Data sources matching the query, newest first. */
    List<DataSource> listDataSources(DataSourceQuery query);

    /** Sets a data source's status; returns false when there is no such data source. */
    boolean updateDataSourceStatus(String id, DataSourceStatus status);

    /** Records the files a job left. */
    void insertArtifacts(String jobId, List<Artifact> artifacts);

    /** A job's artifacts by name. */
    List<Artifact> listArtifacts(String jobId);
}
