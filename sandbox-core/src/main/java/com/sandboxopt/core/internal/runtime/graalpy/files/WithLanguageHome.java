package com.sandboxopt.core.internal.runtime.graalpy.files;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The job's files plus GraalPy's language home (the standard library, read-only), as one file
 * system. Polyglot's own wrapper ({@link FileSystem#allowLanguageHomeAccess}) serves the language
 * home, but it implements {@code move} and {@code copy} by the interface's defaults, which refuse
 * {@code os.rename} ("Atomic move not supported"); those two go to the job's files directly (the
 * language home cannot be written anyway).
 */
final class WithLanguageHome implements FileSystem {
    private final FileSystem withHome;
    private final GuestFileSystem files;

    WithLanguageHome(GuestFileSystem files) {
        this.files = files;
        this.withHome = FileSystem.allowLanguageHomeAccess(files);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        files.move(source, target, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        files.copy(source, target, options);
    }

    @Override
    public Path parsePath(URI uri) {
        return withHome.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return withHome.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        withHome.checkAccess(path, modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        withHome.createDirectory(dir, attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        withHome.delete(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return withHome.newByteChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return withHome.newDirectoryStream(dir, filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return withHome.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return withHome.toRealPath(path, linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return withHome.readAttributes(path, attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        withHome.setAttribute(path, attribute, value, options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        withHome.createLink(link, existing);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        withHome.createSymbolicLink(link, target, attrs);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return withHome.readSymbolicLink(link);
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        withHome.setCurrentWorkingDirectory(currentWorkingDirectory);
    }

    @Override
    public String getSeparator() {
        return withHome.getSeparator();
    }

    @Override
    public String getPathSeparator() {
        return withHome.getPathSeparator();
    }

    @Override
    public String getMimeType(Path path) {
        return withHome.getMimeType(path);
    }

    @Override
    public Charset getEncoding(Path path) {
        return withHome.getEncoding(path);
    }

    @Override
    public Path getTempDirectory() {
        return withHome.getTempDirectory();
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return withHome.isSameFile(path1, path2, options);
    }

    @Override
    public long getFileStoreTotalSpace(Path path) throws IOException {
        return withHome.getFileStoreTotalSpace(path);
    }

    @Override
    public long getFileStoreUnallocatedSpace(Path path) throws IOException {
        return withHome.getFileStoreUnallocatedSpace(path);
    }

    @Override
    public long getFileStoreUsableSpace(Path path) throws IOException {
        return withHome.getFileStoreUsableSpace(path);
    }

    @Override
    public long getFileStoreBlockSize(Path path) throws IOException {
        return withHome.getFileStoreBlockSize(path);
    }

    @Override
    public boolean isFileStoreReadOnly(Path path) throws IOException {
        return withHome.isFileStoreReadOnly(path);
    }
}
