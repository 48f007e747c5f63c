package com.sandboxopt.core.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host folder under which every context gets its private folder. What a previous process left
 * there (it stopped before its jobs' folders were deleted) is removed at start: the folder belongs
 * to one Sandbox, like the database beside it.
 */
public final class WorkArea {
    private static final Logger LOG = LoggerFactory.getLogger(WorkArea.class);

    private final Path root;
    private final PackageFolders packages;
    private final long defaultQuotaBytes;

    public WorkArea(Path root, PackageFolders packages, long defaultQuotaBytes) {
        this.packages = packages;
        this.defaultQuotaBytes = defaultQuotaBytes;
        try {
            this.root = Files.createDirectories(root).toRealPath();
            removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the work directory " + root.toAbsolutePath(), e);
        }
    }

    private void removeLeftovers() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (child.getFileName().toString().startsWith("ctx-")) {
                    LOG.info("Removing the files of a job that did not end cleanly: {}", child);
                    try {
                        Folders.deleteRecursively(child);
                    } catch (IOException e) {
                        LOG.warn("Could not remove {}", child, e);
                    }
                }
            }
        }
    }

    /** The folder every job's private folder is made in. */
    public Path root() {
        return root;
    }

    /** What a job's writable folders may hold unless its limits say otherwise. */
    public long defaultQuotaBytes() {
        return defaultQuotaBytes;
    }

    /** A new folder only this process can enter, removed by its user (or as a leftover at the next start). */
    public Path newPrivateFolder() {
        try {
            return Files.createTempDirectory(root, "ctx-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder in " + root, e);
        }
    }

    public PackageFolders packages() {
        return packages;
    }
}
