package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.files.Mount;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The files one job's context sees, and nothing else of the host: its working directory and
 * {@code /tmp} (writable, within a quota), its data folder and the package folders (read-only),
 * and the virtual folders above them. The standard library is served by GraalPy's language-home
 * wrapper around this class. Guest paths are plain {@link Path} names here; every one is made
 * absolute and normalized (so {@code ../} cannot climb out of a mount), mapped to its mount, and,
 * in a read-only mount, checked after resolving symlinks to stay inside that mount's host folder.
 * Symlinks and hard links cannot be created.
 */
final class GuestFileSystem implements FileSystem {
    private static final Set<? extends OpenOption> WRITE_OPTIONS = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE);

    private final MountTable mounts;
    private final WriteQuota quota;
    private final WriteQuota outputQuota;
    private final String outputFolder;
    private final Path tempDirectory;
    private volatile Path workingDirectory;

    GuestFileSystem(MountTable mounts, WriteQuota quota, WriteQuota outputQuota, String outputFolder,
                    String workingDirectory, String tempDirectory) {
        this.mounts = mounts;
        this.quota = quota;
        this.outputQuota = outputQuota;
        this.outputFolder = outputFolder;
        this.workingDirectory = Path.of(workingDirectory);
        this.tempDirectory = Path.of(tempDirectory);
    }

    /** Where a guest path leads: a mount and the host path below it, or a virtual folder. */
    private record Target(String guest, Mount mount, Path host, Set<String> virtualChildren) {
        boolean isVirtual() {
            return mount == null;
        }
    }

    private Target locate(Path path) throws IOException {
        String guest = toAbsolutePath(path).normalize().toString();
        Set<String> virtual = mounts.virtualFolder(guest);
        if (virtual != null) {
            return new Target(guest, null, null, virtual);
        }
        Mount mount = mounts.mountOf(guest);
        if (mount == null) {
            throw GuestErrors.denied(guest);
        }
        return new Target(guest, mount, mount.hostPathOf(guest), null);
    }

    /** Like {@link #locate}, and for a read-only mount the host path must exist and stay inside the mount. */
    private Target locateExisting(Path path) throws IOException {
        Target target = locate(path);
        if (!target.isVirtual() && !target.mount().writable()) {
            requireInside(target);
        }
        return target;
    }

    private static void requireInside(Target target) throws IOException {
        Path real;
        try {
            real = target.host().toRealPath();
        } catch (IOException e) {
            throw GuestErrors.translate(e, target.guest());
        }
        if (!real.startsWith(target.mount().hostRoot())) {
            throw GuestErrors.denied(target.guest()); // a symlink leading out of the folder
        }
    }

    private Target locateWritable(Path path) throws IOException {
        Target target = locate(path);
        if (target.isVirtual() || !target.mount().writable() || target.guest().equals(target.mount().guestPath())) {
            throw GuestErrors.denied(target.guest()); // the mount points themselves cannot be removed or replaced
        }
        return target;
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
        return path.isAbsolute() ? path : workingDirectory.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        Target target = locateExisting(path);
        if (!target.isVirtual() && target.mount().writable() && Files.notExists(target.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(target.guest());
        }
        return Path.of(target.guest());
    }

    @Override
    public void setCurrentWorkingDirectory(Path directory) {
        try {
            Target target = locateExisting(directory);
            if (target.isVirtual() || Files.isDirectory(target.host(), LinkOption.NOFOLLOW_LINKS)) {
                workingDirectory = Path.of(target.guest());
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
        Target target = locateExisting(path);
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
        Target target = locateWritable(dir);
        quotaOf(target).addEntry(target.guest());
        try {
            Files.createDirectory(target.host());
        } catch (IOException e) {
            quotaOf(target).removeEntry();
            throw GuestErrors.translate(e, target.guest());
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        Target target = locateWritable(path);
        try {
            long size = Files.isRegularFile(target.host(), LinkOption.NOFOLLOW_LINKS) ? Files.size(target.host()) : 0;
            Files.delete(target.host());
            quotaOf(target).shrink(size);
            quotaOf(target).removeEntry();
        } catch (IOException e) {
            throw GuestErrors.translate(e, target.guest());
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean writing = options.stream().anyMatch(WRITE_OPTIONS::contains);
        if (!writing) {
            Target target = locateExisting(path);
            if (target.isVirtual()) {
                throw new java.nio.file.FileSystemException(target.guest(), null, "Is a directory");
            }
            try {
                return Files.newByteChannel(target.host(), options);
            } catch (IOException e) {
                throw GuestErrors.translate(e, target.guest());
            }
        }
        Target target = locateWritable(path);
        Set<OpenOption> hostOptions = new HashSet<>(options);
        hostOptions.add(LinkOption.NOFOLLOW_LINKS);
        boolean existed = Files.exists(target.host(), LinkOption.NOFOLLOW_LINKS);
        long sizeBefore = existed && Files.isRegularFile(target.host(), LinkOption.NOFOLLOW_LINKS) ? Files.size(target.host()) : 0;
        if (!existed) {
            quotaOf(target).addEntry(target.guest());
        }
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(target.host(), hostOptions);
        } catch (IOException e) {
            if (!existed) {
                quotaOf(target).removeEntry();
            }
            throw GuestErrors.translate(e, target.guest());
        }
        if (options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            quotaOf(target).shrink(sizeBefore);
        }
        return new QuotaChannel(channel, quotaOf(target), target.guest());
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        Target target = locateExisting(dir);
        Path guestDir = Path.of(target.guest());
        List<Path> entries = new ArrayList<>();
        if (target.guest().equals("/")) {
            throw GuestErrors.denied("/"); // the root shows nothing of what a job may reach; its folders are documented
        }
        if (target.isVirtual()) {
            for (String name : target.virtualChildren()) {
                entries.add(guestDir.resolve(name));
            }
        } else {
            if (!Files.isDirectory(target.host())) {
                throw Files.exists(target.host()) ? new NotDirectoryException(target.guest())
                        : new NoSuchFileException(target.guest());
            }
            try (DirectoryStream<Path> host = Files.newDirectoryStream(target.host())) {
                for (Path child : host) {
                    entries.add(guestDir.resolve(child.getFileName().toString()));
                }
            } catch (IOException e) {
                throw GuestErrors.translate(e, target.guest());
            }
        }
        List<Path> accepted = new ArrayList<>();
        for (Path entry : entries) {
            if (filter.accept(entry)) {
                accepted.add(entry);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public java.util.Iterator<Path> iterator() {
                return accepted.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Target target = locateExisting(path);
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
        Target target = locateExisting(path);
        if (target.isVirtual() || !target.mount().writable()) {
            throw GuestErrors.denied(target.guest());
        }
        // Permissions and times of the job's own files are accepted and ignored: the job owns them
        // all, and tempfile's clean-up changes modes before it deletes.
    }

    @Override
    public void move(Path source, Path target, java.nio.file.CopyOption... options) throws IOException {
        Target from = locateWritable(source);
        Target to = locateWritable(target);
        long moved = crossingQuotas(from, to);
        long replaced = Files.isRegularFile(to.host(), LinkOption.NOFOLLOW_LINKS) ? Files.size(to.host()) : 0;
        boolean replacing = Files.exists(to.host(), LinkOption.NOFOLLOW_LINKS);
        try {
            Files.move(from.host(), to.host(), withoutFollowingLinks(options));
        } catch (IOException e) {
            quotaOf(to).shrink(moved);
            throw GuestErrors.translate(e, from.guest());
        }
        quotaOf(from).shrink(moved);
        if (replacing) {
            quotaOf(to).shrink(replaced);
            quotaOf(to).removeEntry();
        }
    }

    @Override
    public void copy(Path source, Path target, java.nio.file.CopyOption... options) throws IOException {
        Target from = locateExisting(source);
        Target to = locateWritable(target);
        if (from.isVirtual()) {
            throw GuestErrors.denied(from.guest());
        }
        long size = Files.isRegularFile(from.host()) ? Files.size(from.host()) : 0;
        quotaOf(to).grow(size, to.guest());
        quotaOf(to).addEntry(to.guest());
        try {
            Files.copy(from.host(), to.host(), withoutFollowingLinks(options));
        } catch (IOException e) {
            quotaOf(to).shrink(size);
            quotaOf(to).removeEntry();
            throw GuestErrors.translate(e, to.guest());
        }
    }

    private static java.nio.file.CopyOption[] withoutFollowingLinks(java.nio.file.CopyOption... options) {
        List<java.nio.file.CopyOption> all = new ArrayList<>(List.of(options));
        all.remove(StandardCopyOption.COPY_ATTRIBUTES);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return all.toArray(new java.nio.file.CopyOption[0]);
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
        Target target = locateExisting(link);
        throw new java.nio.file.NotLinkException(target.guest());
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return locateExisting(path1).guest().equals(locateExisting(path2).guest());
    }

    /**
     * A file renamed into or out of output/ moves its bytes to the other quota: reserved there first
     * (it may not fit), given back here after the move. Returns what was reserved. A folder cannot
     * cross (its size is unknown without walking it): that fails as between two file systems, so
     * {@code shutil.move} copies it instead.
     */
    private long crossingQuotas(Target from, Target to) throws IOException {
        if (quotaOf(from) == quotaOf(to) || !Files.exists(from.host(), LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        if (!Files.isRegularFile(from.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileSystemException(from.guest(), to.guest(), "Invalid cross-device link");
        }
        long bytes = Files.size(from.host()) + WriteQuota.ENTRY_BYTES;
        quotaOf(to).grow(bytes, to.guest());
        return bytes;
    }

    /** What a write at the target counts against: output/'s quota below it (which counts in the job's too). */
    private WriteQuota quotaOf(Target target) {
        String guest = target.guest();
        return guest.startsWith(outputFolder + "/") ? outputQuota : quota;
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
        Target target = locate(path);
        return target.isVirtual() || !target.mount().writable();
    }
}
