package com.sandboxopt.solver.ortools.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * OR-Tools' native libraries, unpacked once into a folder of their own (OR-Tools' loader would
 * unpack ~60 MB into a new temporary folder in every worker). The folder is filled under another
 * name and renamed when complete, so a half-written one is never used.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /** The folder holding the libraries for this platform, unpacked under {@code cache} if not yet there. */
    public static Path unpack(Path cache, String version) {
        String platform = com.sun.jna.Platform.RESOURCE_PREFIX;
        Path target = cache.resolve("ortools-" + version + "-" + platform);
        if (Files.isRegularFile(target.resolve(System.mapLibraryName("jniortools")))) {
            return target;
        }
        URL resource = NativeLibraries.class.getClassLoader().getResource("ortools-" + platform + "/");
        if (resource == null) {
            throw new IllegalStateException("OR-Tools has no native libraries for " + platform
                    + " on the class path (add com.google.ortools:ortools-" + platform + ")");
        }
        try {
            Files.createDirectories(cache);
            Path partial = Files.createTempDirectory(cache, "partial-");
            copyAll(resource.toURI(), partial);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
                deleteQuietly(partial); // another process unpacked them at the same time
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack OR-Tools' native libraries into " + cache, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyAll(URI folder, Path target) throws IOException {
        if ("jar".equals(folder.getScheme())) {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(folder, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(folder);
            }
            try {
                copyFolder(jar.provider().getPath(folder), target);
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } else {
            copyFolder(Path.of(folder), target);
        }
    }

    private static void copyFolder(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString().replace("/", "");
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // a leftover partial folder is harmless; it is never used
        }
    }
}
