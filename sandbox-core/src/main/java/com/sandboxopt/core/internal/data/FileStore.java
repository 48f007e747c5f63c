package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.files.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The bytes of data source files and artifacts, kept once per content under their SHA-256:
 * {@code <root>/<first 2 hex>/<sha256>}. A file is written to a staging folder while it is hashed and
 * counted, then moved into place; a stored file is never changed or deleted, so a job may read it
 * through a hard link. Stored files are world-readable (0644) because a CPython job reads them as
 * the sandbox's unprivileged user; their folders are not listable by others. With a {@link Shared} copy
 * (nodes sharing a database but no disk) every kept file goes there too, and a file this node lacks is
 * fetched from there when first read.
 */
public final class FileStore {
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path staging;
    private final Shared shared;

    /** Where the bytes are kept for every node as well, by hash. */
    public interface Shared {
        /** Keeps the file under its hash, unless it is kept already. */
        void put(String sha256, Path file);

        /** Writes the content to {@code out}; false when it is not kept. */
        boolean copyTo(String sha256, OutputStream out);
    }

    public FileStore(Path root) {
        this(root, null);
    }

    public FileStore(Path root, Shared shared) {
        this.shared = shared;
        try {
            this.root = Files.createDirectories(root).toRealPath();
            this.staging = root.resolve("staging");
            Folders.deleteRecursively(staging); // what an upload that never finished left
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Cannot create the file store " + root + ": " + e.getMessage(), e);
        }
    }

    /** A file written to staging: its hash and length, not stored until {@link #keep}. */
    public record Staged(Path path, String sha256, long sizeBytes) {
    }

    /** Thrown by {@link #stage} when the content passes {@code maxBytes}; nothing is left staged. */
    public static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("more than " + maxBytes + " bytes");
        }
    }

    /** A new staging folder for one upload or one job's artifacts; delete it with {@link Folders#deleteRecursively}. */
    public Path newStagingFolder() {
        try {
            return Files.createTempDirectory(staging, "up-");
        } catch (IOException e) {
            throw failure("Cannot create a staging folder in " + staging, e);
        }
    }

    /** Copies {@code content} to a new file in {@code folder}, hashing it, at most {@code maxBytes}. */
    public Staged stage(InputStream content, Path folder, long maxBytes) throws IOException {
        Path file = Files.createTempFile(folder, "f-", "");
        MessageDigest sha = sha256();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = content.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Staged(file, HexFormat.of().formatHex(sha.digest()), total);
    }

    /** Moves a staged file into the store (or drops it when the same content is there already), and shares it. */
    public void keep(Staged staged) {
        Path target = keepHere(staged);
        if (shared != null) {
            shared.put(staged.sha256(), target);
        }
    }

    private Path keepHere(Staged staged) {
        Path target = pathOf(staged.sha256());
        try {
            if (Files.exists(target)) {
                Files.delete(staged.path());
                return target;
            }
            Files.createDirectories(target.getParent());
            Files.setPosixFilePermissions(staged.path(), PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(staged.path());
            }
            return target;
        } catch (IOException e) {
            throw failure("Cannot store a file in " + root, e);
        }
    }

    /** Where the content is on this node, fetched from the shared copy first when this node has not got it. */
    private Path local(String sha256) {
        Path path = pathOf(sha256);
        if (shared == null || Files.exists(path)) {
            return path;
        }
        Path folder = newStagingFolder();
        try {
            Path fetched = folder.resolve("fetched");
            MessageDigest sha = sha256();
            boolean found;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(fetched), sha)) {
                found = shared.copyTo(sha256, out);
            }
            if (!found) {
                return path; // missing everywhere: the caller says so
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(sha256)) {
                throw new SandboxException(ErrorCode.STORAGE_FAILURE, "The shared copy of stored file " + sha256
                        + " is damaged (its content hashes to " + actual + ")");
            }
            keepHere(new Staged(fetched, sha256, Files.size(fetched)));
            return path;
        } catch (IOException e) {
            throw failure("Cannot fetch stored file " + sha256 + " into " + root, e);
        } finally {
            try {
                Folders.deleteRecursively(folder);
            } catch (IOException e) {
                // an empty staging folder is removed with the others at the next start
            }
        }
    }

    /** Where the content with this hash is; it exists once kept. */
    public Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public InputStream open(String sha256) {
        try {
            return Files.newInputStream(local(sha256));
        } catch (IOException e) {
            throw failure("A stored file is missing from " + root + " (" + sha256 + ")", e);
        }
    }

    /**
     * Makes the stored content appear at {@code target} without copying it (a hard link), or copies it
     * where the file system refuses links (another device). Returns false when it had to copy.
     */
    public boolean linkTo(String sha256, Path target) {
        Path source = local(sha256);
        try {
            try {
                Files.createLink(target, source);
                return true;
            } catch (IOException | UnsupportedOperationException refused) {
                Files.copy(source, target);
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot place a data file at " + target, e);
        }
    }

    /** Stored files, for tests and diagnostics. */
    long countStored() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.startsWith(staging)).count();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static SandboxException failure(String what, IOException e) {
        return new SandboxException(ErrorCode.STORAGE_FAILURE, what + ": " + e.getMessage(), e);
    }
}
