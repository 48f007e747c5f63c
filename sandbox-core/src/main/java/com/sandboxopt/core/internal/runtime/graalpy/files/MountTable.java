package com.sandboxopt.core.internal.runtime.graalpy.files;

import com.sandboxopt.core.internal.files.Mount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The guest's whole view of files: mounts, and the virtual folders above them ({@code /},
 * {@code /packages}) that only list what is mounted below. A path that is neither is outside the
 * view. The language home (the standard library) is served before this table is asked.
 */
final class MountTable {
    private final List<Mount> mounts; // longest guest path first, so nested mounts win
    private final Map<String, Set<String>> virtualFolders = new TreeMap<>();

    MountTable(List<Mount> mounts) {
        List<Mount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt((Mount m) -> m.guestPath().length()).reversed());
        this.mounts = List.copyOf(sorted);
        virtualFolders.put("/", new TreeSet<>());
        for (Mount mount : mounts) {
            addAncestors(mount.guestPath());
        }
    }

    private void addAncestors(String guestPath) {
        String child = guestPath;
        while (!child.equals("/")) {
            int slash = child.lastIndexOf('/');
            String parent = slash == 0 ? "/" : child.substring(0, slash);
            if (mountOf(parent) != null) {
                return; // the parent is a real folder of a mount, not virtual
            }
            virtualFolders.computeIfAbsent(parent, p -> new TreeSet<>()).add(child.substring(slash + 1));
            child = parent;
        }
    }

    /** The mount serving a normalized absolute guest path, or null. */
    Mount mountOf(String guest) {
        for (Mount mount : mounts) {
            if (mount.covers(guest)) {
                return mount;
            }
        }
        return null;
    }

    /** The names listed in a virtual folder, or null when the path is not one. */
    Set<String> virtualFolder(String guest) {
        return virtualFolders.get(guest);
    }
}
