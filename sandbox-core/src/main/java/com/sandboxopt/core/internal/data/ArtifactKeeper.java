package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.internal.files.Folders;
import com.sandboxopt.core.storage.DataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what one job left under {@code output/} once it has ended: every regular file, read relative
 * to an open folder without following links (the model may have left links, pipes or devices
 * there; they are skipped), stored by hash and recorded with the job. The runtime's own cap on
 * {@code output/} bounds what there is; this keeps at most {@code maxBytes} and {@value #MAX_FILES}
 * files, and says in the job log what it skipped.
 */
public final class ArtifactKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactKeeper.class);
    static final int MAX_FILES = 1000;
    private static final int MAX_DEPTH = 16;

    private final String jobId;
    private final FileStore store;
    private final DataStore storage;
    private final long maxBytes;
    private final BiConsumer<LogLevel, String> log;
    private final List<String> skipped = new ArrayList<>();
    private boolean kept;

    public ArtifactKeeper(String jobId, FileStore store, DataStore storage, long maxBytes,
                          BiConsumer<LogLevel, String> log) {
        this.jobId = jobId;
        this.store = store;
        this.storage = storage;
        this.maxBytes = maxBytes;
        this.log = log;
    }

    /** Keeps the files below {@code output} (once per job: a second call does nothing) and closes it. */
    public List<Artifact> keep(SecureDirectoryStream<Path> output) {
        return keep(output, 0);
    }

    /**
     * As {@link #keep(SecureDirectoryStream)}, for a runtime whose {@code output/} is a file system of
     * {@code capBytes} that refuses writes silently: when what is kept comes within a few blocks of it,
     * a WARNING line says that writes there failed.
     */
    public List<Artifact> keep(SecureDirectoryStream<Path> output, long capBytes) {
        List<Artifact> artifacts = collect(output);
        long used = artifacts.stream().mapToLong(Artifact::sizeBytes).sum();
        if (capBytes > 0 && used + 64 * 1024 >= capBytes) {
            log.accept(LogLevel.WARNING, "The job's output/ reached its cap of " + StagedDataSource.human(capBytes)
                    + " (Limits.artifactBytes): writes past it failed with 'No space left on device'");
        }
        return artifacts;
    }

    private List<Artifact> collect(SecureDirectoryStream<Path> output) {
        if (kept) {
            closeQuietly(output);
            return List.of();
        }
        kept = true;
        Path staging = store.newStagingFolder();
        List<Artifact> artifacts = new ArrayList<>();
        try {
            walk(output, "", 0, staging, artifacts);
            storage.insertArtifacts(jobId, artifacts);
        } catch (RuntimeException e) {
            LOG.error("Could not keep the artifacts of job {}", jobId, e);
            log.accept(LogLevel.ERROR, "The files under output/ could not be kept: " + e.getMessage());
            return List.of();
        } finally {
            closeQuietly(output);
            try {
                Folders.deleteRecursively(staging);
            } catch (IOException e) {
                LOG.warn("Could not remove {}", staging, e);
            }
        }
        if (!skipped.isEmpty()) {
            log.accept(LogLevel.WARNING, "Not kept from output/: " + String.join("; ", skipped));
        }
        return artifacts;
    }

    private void walk(SecureDirectoryStream<Path> folder, String prefix, int depth, Path staging, List<Artifact> artifacts) {
        List<Path> names = new ArrayList<>();
        for (Path entry : folder) {
            names.add(entry.getFileName());
        }
        names.sort(null);
        for (Path name : names) {
            String artifactName = prefix + name;
            BasicFileAttributes attributes;
            try {
                attributes = folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (IOException e) {
                skipped.add(artifactName + " (unreadable: " + e.getMessage() + ")");
                continue;
            }
            if (attributes.isDirectory()) {
                if (depth >= MAX_DEPTH) {
                    skipped.add(artifactName + "/ (more than " + MAX_DEPTH + " folders deep)");
                    continue;
                }
                try (SecureDirectoryStream<Path> sub = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    walk(sub, artifactName + "/", depth + 1, staging, artifacts);
                } catch (IOException e) {
                    skipped.add(artifactName + "/ (unreadable: " + e.getMessage() + ")");
                }
            } else if (!attributes.isRegularFile()) {
                skipped.add(artifactName + " (not a regular file)");
            } else if (artifactName.chars().anyMatch(Character::isISOControl)) {
                skipped.add(artifactName.replaceAll("\\p{Cntrl}", "?") + " (control characters in its name)");
            } else if (artifacts.size() >= MAX_FILES) {
                skipped.add(artifactName + " (more than " + MAX_FILES + " files)");
            } else {
                keepFile(folder, name, artifactName, staging, artifacts);
            }
        }
    }

    private void keepFile(SecureDirectoryStream<Path> folder, Path name, String artifactName, Path staging,
                          List<Artifact> artifacts) {
        long used = artifacts.stream().mapToLong(Artifact::sizeBytes).sum();
        try (InputStream in = Channels.newInputStream(folder.newByteChannel(name,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
            FileStore.Staged staged = store.stage(in, staging, maxBytes - used);
            store.keep(staged);
            artifacts.add(Artifact.of(artifactName, staged.sizeBytes(), staged.sha256()));
        } catch (FileStore.TooLarge e) {
            skipped.add(artifactName + " (the job's artifacts would pass their cap of " + StagedDataSource.human(maxBytes) + ")");
        } catch (IOException e) {
            skipped.add(artifactName + " (unreadable: " + e.getMessage() + ")");
        }
    }

    private static void closeQuietly(SecureDirectoryStream<Path> output) {
        try {
            output.close();
        } catch (IOException ignored) {
            // a folder we only read
        }
    }
}
