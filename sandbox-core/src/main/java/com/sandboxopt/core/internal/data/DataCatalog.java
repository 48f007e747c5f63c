package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.DataSourceQuery;
import com.sandboxopt.core.DataSourceStatus;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.util.Ids;
import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.storage.DataStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Upload, find, version and archive data sources, and resolve the ones a job asks for. */
public final class DataCatalog {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private final FileStore store;
    private final DataStore storage;
    private final long maxBytes;
    private final int maxFiles;

    public DataCatalog(FileStore store, DataStore storage, long maxBytes, int maxFiles) {
        this.store = store;
        this.storage = storage;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    public DataSourceDraft newDraft(String name, String description) {
        String clean = checkedName(name);
        String text = description == null || description.isBlank() ? null : description.strip();
        return new StagedDataSource(store, storage, clean, text, maxBytes, maxFiles);
    }

    /** A data source name as given, stripped; INVALID_ARGUMENT saying what a name may be otherwise. */
    public static String checkedName(String name) {
        String clean = name == null ? "" : name.strip();
        if (!NAME.matcher(clean).matches() || Ids.looksLikeDataSourceId(clean)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "A data source name is 1 to 100 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit, and not shaped like an id (ds_<digits>_<6 chars>); was '"
                    + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?")) + "'");
        }
        return clean;
    }

    /**
     * The next version of {@code name}, made of a job's artifacts: the same stored bytes (no copy), with
     * {@code producedBy} the job. Only top-level files: a data source has no folders.
     */
    public DataSource publish(String name, String jobId, String owner, List<Artifact> artifacts) {
        List<DataFile> files = artifacts.stream().filter(a -> !a.name().contains("/"))
                .map(a -> new DataFile(a.name(), a.sizeBytes(), a.sha256())).toList();
        long size = files.stream().mapToLong(DataFile::sizeBytes).sum();
        Instant now = Now.instant();
        return storage.insertDataSource(new DataSource(Ids.dataSourceId(now), checkedName(name), 0,
                "output/ of job " + jobId, files, size, now, DataSourceStatus.ACTIVE, jobId, owner));
    }

    /** By id, or by name for the latest version. */
    public DataSource get(String idOrName) {
        return find(idOrName).orElseThrow(() -> notFound(idOrName));
    }

    public Optional<DataSource> find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<DataSource> byId = storage.findDataSource(idOrName);
        return byId.isPresent() ? byId : storage.findLatestDataSource(idOrName);
    }

    public List<DataSource> list(DataSourceQuery query) {
        return storage.listDataSources(query == null ? DataSourceQuery.all() : query);
    }

    /** Archives one version (by id, or the latest of a name). */
    public DataSource archive(String idOrName) {
        DataSource source = get(idOrName);
        storage.updateDataSourceStatus(source.id(), DataSourceStatus.ARCHIVED);
        return source.withStatus(DataSourceStatus.ARCHIVED);
    }

    public DataFile file(String idOrName, String fileName) {
        DataSource source = get(idOrName);
        return source.file(fileName).orElseThrow(() -> new SandboxException(ErrorCode.FILE_NOT_FOUND,
                "Data source " + source.name() + " v" + source.version() + " has no file '" + fileName + "'; it has "
                        + source.files().stream().map(DataFile::name).toList()));
    }

    public InputStream openFile(String idOrName, String fileName) {
        return store.open(file(idOrName, fileName).sha256());
    }

    /**
     * The data sources a job asks for, checked before it is queued: each must exist (DATA_SOURCE_NOT_FOUND)
     * and be active (DATA_SOURCE_ARCHIVED); aliases must be plain folder names that no file of the main
     * data source takes.
     */
    public JobData resolve(String dataSourceId, Map<String, String> aliases) {
        if (dataSourceId == null && aliases.isEmpty()) {
            return JobData.NONE;
        }
        DataSource main = dataSourceId == null ? null : usable(dataSourceId, "dataSourceId");
        Map<String, DataSource> byAlias = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : aliases.entrySet()) {
            String alias = entry.getKey();
            if (alias == null || !ALIAS.matcher(alias).matches()) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "dataSources: the alias '" + alias
                        + "' is not a folder name (1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-')");
            }
            if (main != null && main.file(alias).isPresent()) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "dataSources: the alias '" + alias
                        + "' is also a file of " + main.name() + " under data/: choose another alias");
            }
            byAlias.put(alias, usable(entry.getValue(), "dataSources." + alias));
        }
        return new JobData(main, byAlias);
    }

    /**
     * The data sources a stored job names by exact id, as it was accepted with them: one archived since then still
     * serves the job (a node claiming it from a shared queue).
     */
    public JobData stored(String dataSourceId, Map<String, String> aliasIds) {
        Map<String, DataSource> byAlias = new LinkedHashMap<>();
        aliasIds.forEach((alias, id) -> byAlias.put(alias, get(id)));
        return dataSourceId == null && byAlias.isEmpty() ? JobData.NONE
                : new JobData(dataSourceId == null ? null : get(dataSourceId), byAlias);
    }

    private DataSource usable(String idOrName, String field) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, field + " must be a data source id or name");
        }
        DataSource source = find(idOrName.strip()).orElseThrow(() -> notFound(idOrName));
        if (source.status() == DataSourceStatus.ARCHIVED) {
            throw new SandboxException(ErrorCode.DATA_SOURCE_ARCHIVED, "Data source " + source.name() + " v" + source.version()
                    + " (" + source.id() + ") is archived: upload it again, or name another version");
        }
        return source;
    }

    public FileStore store() {
        return store;
    }

    private static SandboxException notFound(String idOrName) {
        return new SandboxException(ErrorCode.DATA_SOURCE_NOT_FOUND, "No data source with id or name '"
                + String.valueOf(idOrName).replaceAll("\\p{Cntrl}", "?") + "': list data sources to see them");
    }
}
