package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.files.Folders;
import com.sandboxopt.core.internal.files.Mount;
import com.sandboxopt.core.internal.files.PackageFolders;
import com.sandboxopt.core.internal.files.WorkArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The private files of one context, hence of one job: on the host a folder of its own under the
 * work area, seen by the guest as
 * <pre>
 *   /job          the working directory (writable)
 *   /job/data     the job's input files (read-only)
 *   /job/output   what the job leaves behind (writable)
 *   /tmp          scratch (writable)
 * </pre>
 * plus the package folders. Writable folders share one quota, and {@code /job/output} has its own
 * within it. Created empty with its context, and deleted when the context is closed.
 */
public final class JobFiles implements AutoCloseable {
    public static final String WORKING_DIRECTORY = "/job";
    public static final String DATA = WORKING_DIRECTORY + "/data";
    public static final String OUTPUT = WORKING_DIRECTORY + "/output";
    public static final String TEMP = "/tmp";

    private final Path hostRoot;
    private final WriteQuota quota;
    private final WriteQuota outputQuota;
    private final FileSystem fileSystem;

    private JobFiles(Path hostRoot, WriteQuota quota, WriteQuota outputQuota, FileSystem fileSystem) {
        this.hostRoot = hostRoot;
        this.quota = quota;
        this.outputQuota = outputQuota;
        this.fileSystem = fileSystem;
    }

    /** A new, empty set of folders under the work area, with its package folders mounted. */
    public static JobFiles create(WorkArea work) {
        return create(work.root(), work.packages(), work.defaultQuotaBytes());
    }

    private static JobFiles create(Path workArea, PackageFolders packages, long defaultQuotaBytes) {
        try {
            Path root = Files.createTempDirectory(workArea, "ctx-").toRealPath();
            Path job = Files.createDirectories(root.resolve("job"));
            Files.createDirectories(job.resolve("data")); // the mount point, so that listing /job shows it
            Files.createDirectories(job.resolve("output"));
            Path data = Files.createDirectories(root.resolve("data"));
            Path tmp = Files.createDirectories(root.resolve("tmp"));
            List<Mount> mounts = new ArrayList<>(packages.mounts());
            mounts.add(new Mount(WORKING_DIRECTORY, job, true));
            mounts.add(new Mount(DATA, data, false));
            mounts.add(new Mount(TEMP, tmp, true));
            WriteQuota quota = new WriteQuota(defaultQuotaBytes);
            quota.addEntry(OUTPUT);
            WriteQuota outputQuota = new WriteQuota(defaultQuotaBytes, quota,
                    "The job's output/ reached its cap of %s (Limits.artifactBytes)");
            GuestFileSystem guest = new GuestFileSystem(new MountTable(mounts), quota, outputQuota, OUTPUT,
                    WORKING_DIRECTORY, TEMP);
            return new JobFiles(root, quota, outputQuota, new WithLanguageHome(guest));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a job's working directory in " + workArea, e);
        }
    }

    /** The context's file system. */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** Applies the job's caps on what its writable folders and its output hold; the first refusal of each is reported. */
    public void limit(long quotaBytes, long outputBytes, Consumer<String> overflowReporter) {
        quota.limit(quotaBytes, overflowReporter);
        outputQuota.limit(outputBytes, overflowReporter);
    }

    /** The host folder the guest sees as {@code /job/data}: empty, for the job's data files. */
    public Path dataFolder() {
        return hostRoot.resolve("data");
    }

    /** The host folder the guest sees as {@code /job/output}. */
    public Path outputFolder() {
        return hostRoot.resolve("job").resolve("output");
    }

    /** Deletes the folder and everything the job wrote; never follows a link out of it. */
    @Override
    public void close() {
        try {
            Folders.deleteRecursively(hostRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete a job's working directory " + hostRoot, e);
        }
    }
}
