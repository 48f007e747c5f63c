package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.internal.storage.FileBlobTable;
import java.io.OutputStream;
import java.nio.file.Path;

/** Data source files and artifacts kept in the shared database too, so that any node serves and mounts them. */
public final class DatabaseFiles implements FileStore.Shared {
    private final FileBlobTable store;

    public DatabaseFiles(FileBlobTable store) {
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
