package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.DataSourceStatus;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.util.Ids;
import com.sandboxopt.core.internal.files.Folders;
import com.sandboxopt.core.internal.validation.FileNames;
import com.sandboxopt.core.storage.DataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A data source being uploaded: its files wait in a staging folder of their own until the commit. */
final class StagedDataSource implements DataSourceDraft {
    private static final Logger LOG = LoggerFactory.getLogger(StagedDataSource.class);

    private final FileStore store;
    private final DataStore storage;
    private final String name;
    private final String description;
    private String owner;
    private final long maxBytes;
    private final int maxFiles;
    private final Path folder;
    private final Map<String, FileStore.Staged> files = new LinkedHashMap<>();
    private long totalBytes;
    private boolean done;

    StagedDataSource(FileStore store, DataStore storage, String name, String description, long maxBytes, int maxFiles) {
        this.store = store;
        this.storage = storage;
        this.name = name;
        this.description = description;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.folder = store.newStagingFolder();
    }

    @Override
    public DataSourceDraft addFile(String fileName, InputStream content) {
        requireOpen();
        String safe = FileNames.safeDataFileName(fileName);
        if (files.containsKey(safe)) {
            throw discard(new SandboxException(ErrorCode.INVALID_ARGUMENT, "Two files are named '" + safe
                    + "'" + (safe.equals(fileName) ? "" : " (from '" + fileName + "')") + ": give each file its own name"));
        }
        if (files.size() >= maxFiles) {
            throw discard(new SandboxException(ErrorCode.FILE_TOO_LARGE, "A data source holds at most " + maxFiles
                    + " files: put fewer in one upload (or zip them)"));
        }
        try {
            FileStore.Staged staged = store.stage(content, folder, maxBytes - totalBytes);
            totalBytes += staged.sizeBytes();
            files.put(safe, staged);
        } catch (FileStore.TooLarge e) {
            throw discard(new SandboxException(ErrorCode.FILE_TOO_LARGE, "The data source's files together are larger than "
                    + human(maxBytes) + " (at " + safe + "): upload less, or raise the data source size limit"));
        } catch (IOException e) {
            throw discard(new SandboxException(ErrorCode.STORAGE_FAILURE, "Could not receive " + safe + ": " + e.getMessage(), e));
        }
        return this;
    }

    @Override
    public DataSourceDraft addFile(String fileName, byte[] content) {
        return addFile(fileName, new ByteArrayInputStream(content));
    }

    @Override
    public DataSourceDraft owner(String username) {
        this.owner = username;
        return this;
    }

    @Override
    public DataSourceDraft addFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return addFile(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw discard(new SandboxException(ErrorCode.INVALID_ARGUMENT, "Cannot read " + file + ": " + e.getMessage(), e));
        }
    }

    @Override
    public DataSource commit() {
        requireOpen();
        if (files.isEmpty()) {
            throw discard(new SandboxException(ErrorCode.INVALID_ARGUMENT, "A data source needs at least one file"));
        }
        try {
            List<DataFile> stored = new ArrayList<>();
            for (Map.Entry<String, FileStore.Staged> file : files.entrySet()) {
                store.keep(file.getValue()); // the bytes first: a row never names a missing file
                stored.add(new DataFile(file.getKey(), file.getValue().sizeBytes(), file.getValue().sha256()));
            }
            Instant now = Now.instant();
            return storage.insertDataSource(new DataSource(Ids.dataSourceId(now), name, 0, description, stored,
                    totalBytes, now, DataSourceStatus.ACTIVE, null, owner));
        } finally {
            close();
        }
    }

    private RuntimeException discard(RuntimeException e) {
        close();
        return e;
    }

    private void requireOpen() {
        if (done) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "This data source upload was already committed or discarded");
        }
    }

    /** Files kept by a commit are in the store already; whatever else was staged goes. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            LOG.warn("Could not remove the staging folder {}", folder, e);
        }
    }

    static String human(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
