package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.files.Mount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a guest path leads. Every path is made absolute against the job's working directory and
 * normalized, so {@code ../} cannot climb out of a mount, then mapped to its mount or to a virtual
 * folder; anything else is outside the job's view and denied. Kept apart from the file operations
 * so that every operation asks the same question the same way before it touches the host.
 */
final class GuestPaths {
    private final MountTable mounts;
    private volatile Path workingDirectory;

    GuestPaths(MountTable mounts, String workingDirectory) {
        this.mounts = mounts;
        this.workingDirectory = Path.of(workingDirectory);
    }

    /** Where a guest path leads: a mount and the host path below it, or a virtual folder. */
    record Target(String guest, Mount mount, Path host, Set<String> virtualChildren) {
        boolean isVirtual() {
            return mount == null;
        }
    }

    Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : workingDirectory.resolve(path);
    }

    /** Relative guest paths resolve against this from now on; the caller checked it is a folder. */
    void setWorkingDirectory(String guest) {
        workingDirectory = Path.of(guest);
    }

    Target locate(Path path) throws IOException {
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
    Target locateExisting(Path path) throws IOException {
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

    /** Like {@link #locate}, for a path the job may create, change or remove. */
    Target locateWritable(Path path) throws IOException {
        Target target = locate(path);
        if (target.isVirtual() || !target.mount().writable() || target.guest().equals(target.mount().guestPath())) {
            throw GuestErrors.denied(target.guest()); // the mount points themselves cannot be removed or replaced
        }
        return target;
    }
}
