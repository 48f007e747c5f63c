package com.sandboxopt.core.internal.runtime.graalpy.files;

import java.nio.file.FileSystemException;
import java.util.function.Consumer;

/**
 * What the job's writable folders may hold, in bytes. Every file and folder also counts one
 * {@value #ENTRY_BYTES}-byte block, as on a disk, so that millions of empty files cannot be made
 * either. Past the cap a write fails with ENOSPC ("No space left on device", which GraalPy maps to
 * that errno), and the first refusal is reported once through the overflow callback, so the job
 * log says why. A quota with a parent (the one of {@code output/} within the job's) counts
 * against both.
 */
final class WriteQuota {
    static final long ENTRY_BYTES = 4096;

    private final WriteQuota parent;
    private final String what;
    private long maxBytes;
    private long usedBytes;
    private Consumer<String> onOverflow = message -> { };
    private boolean reported;

    WriteQuota(long maxBytes) {
        this(maxBytes, null, "The job's files reached their cap of %s (Limits.workingDirectoryBytes)");
    }

    /** @param what the start of the overflow message, {@code %s} standing for the cap */
    WriteQuota(long maxBytes, WriteQuota parent, String what) {
        this.maxBytes = maxBytes;
        this.parent = parent;
        this.what = what;
    }

    synchronized void limit(long bytes, Consumer<String> overflowReporter) {
        this.maxBytes = bytes;
        this.onOverflow = overflowReporter;
    }

    synchronized long maxBytes() {
        return maxBytes;
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    /** Reserves room for growth, or throws without changing anything. */
    synchronized void grow(long bytes, String guestPath) throws FileSystemException {
        if (bytes <= 0) {
            return;
        }
        if (usedBytes + bytes > maxBytes) {
            refuse(guestPath, String.format(what, human(maxBytes)) + ": writing " + guestPath
                    + " failed with 'No space left on device'. Write less, delete what is no longer needed, or raise the limit.");
        }
        if (parent != null) {
            parent.grow(bytes, guestPath);
        }
        usedBytes += bytes;
    }

    synchronized void shrink(long bytes) {
        long freed = Math.min(usedBytes, Math.max(0, bytes));
        usedBytes -= freed;
        if (parent != null) {
            parent.shrink(freed);
        }
    }

    synchronized void addEntry(String guestPath) throws FileSystemException {
        grow(ENTRY_BYTES, guestPath);
    }

    synchronized void removeEntry() {
        shrink(ENTRY_BYTES);
    }

    private void refuse(String guestPath, String explanation) throws FileSystemException {
        if (!reported) {
            reported = true;
            onOverflow.accept(explanation);
        }
        throw new FileSystemException(guestPath, null, "No space left on device");
    }

    static String human(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
