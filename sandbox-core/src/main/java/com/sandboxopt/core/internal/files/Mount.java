package com.sandboxopt.core.internal.files;

import java.nio.file.Path;

/**
 * A folder of the guest's view backed by a host folder.
 *
 * @param guestPath absolute, normalized guest path without a trailing slash, e.g. {@code /job}
 * @param hostRoot  the host folder, as a real path (symlinks resolved), so that a path below it
 *                  can be checked to stay inside
 * @param writable  false for package folders and the data folder
 */
public record Mount(String guestPath, Path hostRoot, boolean writable) {
    public boolean covers(String guest) {
        return guest.equals(guestPath) || guest.startsWith(guestPath + "/");
    }

    public Path hostPathOf(String guest) {
        String relative = guest.substring(guestPath.length());
        return relative.isEmpty() ? hostRoot : hostRoot.resolve(relative.substring(1));
    }
}
