package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.runtime.graalpy.files.GuestPaths.Target;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The files one job's context sees, and nothing else of the host: its working directory and
 * {@code /tmp} (writable, within a quota), its data folder and the package folders (read-only),
 * and the virtual folders above them. The standard library is served by GraalPy's language-home
 * wrapper around this class. Each operation first asks {@link GuestPaths} where the guest path
 * leads (absolute, normalized, inside a mount, and in a read-only mount inside its host folder
 * after symlinks), then reads here, lists through {@link DirectoryListing} or changes files through
 * {@link WritesWithinQuota}. Symlinks and hard links cannot be created.
 */
final class GuestFileSystem implements FileSystem {
    private static final Set<? extends OpenOption> WRITE_OPTIONS = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE);

    private final GuestPaths paths;
    private final WritesWithinQuota writes;
    private final WriteQuota quota;
    private final Path tempDirectory;

    GuestFileSystem(MountTable mounts, WriteQuota quota, WriteQuota outputQuota, String outputFolder,
                    String workingDirectory, String tempDirectory) {
        this.paths = new GuestPaths(mounts, workingDirectory);
        this.writes = new WritesWithinQuota(quota, outputQuota, outputFolder);
        this.quota = quota;
        this.tempDirectory = Path.of(tempDirectory);
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new UnsupportedOperationException("Only file: URIs are supported");
        }
        return Path.of(uri.getPath());
    }

    @Override
    public Path parsePath(String path) {
        return Path.of(path);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return paths.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        Target target = paths.locateExisting(path);
        if (!target.isVirtual() && target.mount().writable() && Files.notExists(target.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(target.guest());
        }
        return Path.of(target.guest());
    }

    @Override
    public void setCurrentWorkingDirectory(Path directory) {
        try {
            Target target = paths.locateExisting(directory);
            if (target.isVirtual() || Files.isDirectory(target.host(), LinkOption.NOFOLLOW_LINKS)) {
                paths.setWorkingDirectory(target.guest());
                return;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(directory + " is not a folder the job can see", e);
        }
        throw new IllegalArgumentException(directory + " is not a folder");
    }

    @Override
    public Path getTempDirectory() {
        return tempDirectory;
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        Target target = paths.locateExisting(path);
        boolean writing = modes.contains(AccessMode.WRITE);
        if (target.isVirtual()) {
            if (writing) {
                throw GuestErrors.denied(target.guest());
            }
            return;
        }
        if (writing && !target.mount().writable()) {
            throw GuestErrors.denied(target.guest());
        }
        try {
            target.host().getFileSystem().provider().checkAccess(target.host(), modes.toArray(new AccessMode[0]));
        } catch (IOException e) {
            throw GuestErrors.translate(e, target.guest());
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        writes.createDirectory(paths.locateWritable(dir));
    }

    @Override
    public void delete(Path path) throws IOException {
        writes.delete(paths.locateWritable(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean writing = options.stream().anyMatch(WRITE_OPTIONS::contains);
        if (writing) {
            return writes.open(paths.locateWritable(path), options);
        }
        Target target = paths.locateExisting(path);
        if (target.isVirtual()) {
            throw new FileSystemException(target.guest(), null, "Is a directory");
        }
        try {
            return Files.newByteChannel(target.host(), options);
        } catch (IOException e) {
            throw GuestErrors.translate(e, target.guest());
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return DirectoryListing.of(paths.locateExisting(dir), filter);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Target target = paths.locateExisting(path);
        if (target.isVirtual()) {
            return FileAttributes.virtualFolder(attributes);
        }
        try {
            Map<String, Object> host = Files.readAttributes(target.host(), attributes, LinkOption.NOFOLLOW_LINKS);
            return FileAttributes.forGuest(new HashMap<>(host), target.mount().writable());
        } catch (IOException e) {
            throw GuestErrors.translate(e, target.guest());
        }
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        Target target = paths.locateExisting(path);
        if (target.isVirtual() || !target.mount().writable()) {
            throw GuestErrors.denied(target.guest());
        }
        // Permissions and times of the job's own files are accepted and ignored: the job owns them
        // all, and tempfile's clean-up changes modes before it deletes.
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        Target from = paths.locateWritable(source);
        Target to = paths.locateWritable(target);
        writes.move(from, to, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Target from = paths.locateExisting(source);
        Target to = paths.locateWritable(target);
        writes.copy(from, to, options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        throw GuestErrors.denied(toAbsolutePath(link).normalize().toString());
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        throw GuestErrors.denied(toAbsolutePath(link).normalize().toString());
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        Target target = paths.locateExisting(link);
        throw new NotLinkException(target.guest());
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return paths.locateExisting(path1).guest().equals(paths.locateExisting(path2).guest());
    }

    @Override
    public long getFileStoreTotalSpace(Path path) {
        return quota.maxBytes();
    }

    @Override
    public long getFileStoreUsableSpace(Path path) {
        return Math.max(0, quota.maxBytes() - quota.usedBytes());
    }

    @Override
    public long getFileStoreUnallocatedSpace(Path path) {
        return getFileStoreUsableSpace(path);
    }

    @Override
    public long getFileStoreBlockSize(Path path) {
        return 4096;
    }

    @Override
    public boolean isFileStoreReadOnly(Path path) throws IOException {
        Target target = paths.locate(path);
        return target.isVirtual() || !target.mount().writable();
    }
}
