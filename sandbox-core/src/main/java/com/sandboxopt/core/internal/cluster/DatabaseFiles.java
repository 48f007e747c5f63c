package com.sandboxopt.core.internal.cluster;

import com.sandboxopt.core.internal.data.FileStore;
import com.sandboxopt.core.internal.storage.ClusterStore;
import java.io.OutputStream;
import java.nio.file.Path;

/** Data source files and artifacts kept in the shared database too, so that any node serves and mounts them. */
public final class DatabaseFiles implements FileStore.Shared {
    private final ClusterStore store;

    public DatabaseFiles(ClusterStore store) {
        this.store = store;
    }

    @Override
    public void put(String sha256, Path file) {
        if (!store.hasFile(sha256)) {
            store.putFile(sha256, file);
        }
    }

    @Override
    public boolean copyTo(String sha256, OutputStream out) {
        return store.copyFile(sha256, out);
    }
}
