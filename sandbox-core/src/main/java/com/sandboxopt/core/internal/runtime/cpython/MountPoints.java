package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empty folders the sandbox user can reach, on which a root host binds each sandbox's data folder
 * in a mount namespace of that sandbox alone. bubblewrap resolves the folders it binds as the user it
 * runs as, and the data folder lies in the work area, which that user may not be able to enter
 * (a data directory under {@code /root}); the data files stay hard links to the file store, so
 * nothing is copied. The folders are in the temporary directory, which everyone can enter; this
 * one lists nothing to others (0711). The channels' FIFOs are named here too, so that the name the
 * guest sees for its fd 3 tells nothing of where the host keeps its data, and the runtime's
 * system-call filter is kept here (a file only the host's user reads).
 */
final class MountPoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MountPoints.class);

    private final Path root;

    private MountPoints(Path root) {
        this.root = root;
    }

    static MountPoints create() {
        try {
            Path root = Files.createTempDirectory("sandbox-mounts-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            return new MountPoints(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sandboxes' mount points in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** A new empty folder for one sandbox. */
    Path newPoint() throws IOException {
        Path point = Files.createTempDirectory(root, "data-");
        Files.setPosixFilePermissions(point, PosixFilePermissions.fromString("rwxr-xr-x"));
        return point;
    }

    /** A free name for a sandbox's channel FIFO. */
    Path newChannel() {
        return root.resolve("channel-" + java.util.UUID.randomUUID());
    }

    /** Where the runtime's seccomp filter is written (once). */
    Path filterProgram() {
        return root.resolve("seccomp-filter.bpf");
    }

    /** Removes a sandbox's folder once its mount namespace is gone (the mount went with it). */
    void release(Path point) {
        try {
            Files.deleteIfExists(point);
        } catch (IOException e) {
            LOG.warn("Could not remove the mount point {}", point, e);
        }
    }

    @Override
    public void close() {
        try (var left = Files.list(root)) {
            left.forEach(this::release);
            Files.deleteIfExists(root);
        } catch (IOException e) {
            LOG.warn("Could not remove {}", root, e);
        }
    }
}
