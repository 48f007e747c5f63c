package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.runtime.graalpy.files.GuestPaths.Target;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A folder's entries as the guest sees them: guest paths, never host ones, and the names of a
 * virtual folder's mounts. The listing is read whole before it is handed out, so no host
 * directory stream stays open in the guest's hands.
 */
final class DirectoryListing {
    private DirectoryListing() {
    }

    static DirectoryStream<Path> of(Target target, DirectoryStream.Filter<? super Path> filter) throws IOException {
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
            public Iterator<Path> iterator() {
                return accepted.iterator();
            }

            @Override
            public void close() {
            }
        };
    }
}
