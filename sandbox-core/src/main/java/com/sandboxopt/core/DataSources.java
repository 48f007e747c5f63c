package com.sandboxopt.core;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data sources of a sandbox ({@link Sandbox#dataSources()}): versioned folders of files jobs read. */
public interface DataSources {

    /**
     * Starts uploading a data source: add its files, then commit. Uploading under a name that exists makes its
     * next version.
     *
     * @throws SandboxException INVALID_ARGUMENT for a name that is not 1 to 100 letters, digits, '.', '_' or '-'
     */
    DataSourceDraft draft(String name, String description);

    /** Uploads a data source from files in memory, by name (as {@link #draft}, for small data). */
    DataSource upload(String name, String description, Map<String, byte[]> files);

    /**
     * A data source by id, or by name for its latest version.
     *
     * @throws SandboxException with {@link ErrorCode#DATA_SOURCE_NOT_FOUND}
     */
    DataSource get(String idOrName);

    /** By id, or by name for its latest version. */
    Optional<DataSource> find(String idOrName);

    /** Data sources, newest first; {@link DataSourceQuery#versionsOf} gives one name's versions. */
    List<DataSource> list(DataSourceQuery query);

    /**
     * Reads one file of a data source; close the stream.
     *
     * @throws SandboxException DATA_SOURCE_NOT_FOUND or FILE_NOT_FOUND
     */
    InputStream openFile(String idOrName, String fileName);

    /**
     * Archives a data source version (by id, or the latest of a name): no new job may use it; jobs that did keep
     * naming it, and its files stay readable.
     */
    DataSource archive(String idOrName);
}
