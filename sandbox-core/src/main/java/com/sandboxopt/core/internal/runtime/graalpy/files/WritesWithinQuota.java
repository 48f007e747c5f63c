package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.runtime.graalpy.files.GuestPaths.Target;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything that changes the job's files, each counted against the quota it falls under: an entry
 * for every file or folder made, the bytes of every file written, copied or moved, given back when
 * one is removed, truncated or replaced, or when the host refuses the change. Below output/ a
 * write counts in output/'s own quota (which counts in the job's too). Host links are never
 * followed, so a write cannot reach outside the mount the target was checked against.
 */
final class WritesWithinQuota {
    private final WriteQuota quota;
    private final WriteQuota outputQuota;
    private final String outputFolder;

    WritesWithinQuota(WriteQuota quota, WriteQuota outputQuota, String outputFolder) {
        this.quota = quota;
        this.outputQuota = outputQuota;
        this.outputFolder = outputFolder;
    }

    void createDirectory(Target target) throws IOException {
        quotaOf(target).addEntry(target.guest());
        try {
            Files.createDirectory(target.host());
        } catch (IOException e) {
            quotaOf(target).removeEntry();
            throw GuestErrors.translate(e, target.guest());
        }
    }

    void delete(Target target) throws IOException {
        try {
            long size = Files.isRegularFile(target.host(), LinkOption.NOFOLLOW_LINKS) ? Files.size(target.host()) : 0;
            Files.delete(target.host());
            quotaOf(target).shrink(size);
            quotaOf(target).removeEntry();
        } catch (IOException e) {
            throw GuestErrors.translate(e, target.guest());
        }
    }

    /** Opens a file to write; the returned channel counts every byte it adds. */
    SeekableByteChannel open(Target target, Set<? extends OpenOption> options) throws IOException {
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

    void move(Target from, Target to, CopyOption... options) throws IOException {
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

    void copy(Target from, Target to, CopyOption... options) throws IOException {
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

    private static CopyOption[] withoutFollowingLinks(CopyOption... options) {
        List<CopyOption> all = new ArrayList<>(List.of(options));
        all.remove(StandardCopyOption.COPY_ATTRIBUTES);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return all.toArray(new CopyOption[0]);
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
            throw new FileSystemException(from.guest(), to.guest(), "Invalid cross-device link");
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
}
