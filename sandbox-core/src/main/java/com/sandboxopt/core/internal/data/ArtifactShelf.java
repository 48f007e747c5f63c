package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.storage.DataStore;
import java.io.InputStream;
import java.util.List;
import java.util.function.BiConsumer;

/** Where the jobs' artifacts are kept and read back. */
public final class ArtifactShelf {
    private final FileStore store;
    private final DataStore storage;

    public ArtifactShelf(FileStore store, DataStore storage) {
        this.store = store;
        this.storage = storage;
    }

    public ArtifactKeeper keeperFor(String jobId, long maxBytes, BiConsumer<LogLevel, String> log) {
        return new ArtifactKeeper(jobId, store, storage, maxBytes, log);
    }

    public List<Artifact> list(String jobId) {
        return storage.listArtifacts(jobId);
    }

    public Artifact get(String jobId, String name) {
        return list(jobId).stream().filter(artifact -> artifact.name().equals(name)).findFirst()
                .orElseThrow(() -> new SandboxException(ErrorCode.FILE_NOT_FOUND, "Job " + jobId + " left no file '"
                        + String.valueOf(name).replaceAll("\\p{Cntrl}", "?") + "' under output/"));
    }

    public InputStream open(String jobId, String name) {
        return store.open(get(jobId, name).sha256());
    }
}
