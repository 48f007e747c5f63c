package com.sandboxopt.core.internal.runtime.graalpy.files;

import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * File attributes as the guest sees them: owner and device say nothing of the host, and a read-only
 * folder's files show no write permission (so {@code os.access(path, os.W_OK)} and tempfile's
 * search for a writable folder tell the truth).
 */
final class FileAttributes {
    private static final int WRITE_BITS = 0222;
    private static final int GUEST_ID = 1000;
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private FileAttributes() {
    }

    static Map<String, Object> forGuest(Map<String, Object> host, boolean writable) {
        host.computeIfPresent("uid", (k, v) -> GUEST_ID);
        host.computeIfPresent("gid", (k, v) -> GUEST_ID);
        host.computeIfPresent("dev", (k, v) -> 1L);
        if (!writable) {
            host.computeIfPresent("mode", (k, v) -> ((Integer) v) & ~WRITE_BITS);
        }
        return host;
    }

    /** The attributes of {@code /} and the other folders that only list mounts. */
    static Map<String, Object> virtualFolder(String requested) {
        Map<String, Object> all = new HashMap<>();
        all.put("isDirectory", true);
        all.put("isRegularFile", false);
        all.put("isSymbolicLink", false);
        all.put("isOther", false);
        all.put("size", 0L);
        all.put("lastModifiedTime", EPOCH);
        all.put("lastAccessTime", EPOCH);
        all.put("creationTime", EPOCH);
        all.put("ctime", EPOCH);
        all.put("fileKey", null);
        all.put("mode", 040555);
        all.put("ino", 1L);
        all.put("dev", 1L);
        all.put("nlink", 2);
        all.put("uid", GUEST_ID);
        all.put("gid", GUEST_ID);
        String names = requested.contains(":") ? requested.substring(requested.indexOf(':') + 1) : requested;
        if (names.equals("*")) {
            return all;
        }
        Map<String, Object> selected = new HashMap<>();
        for (String name : names.split(",")) {
            if (all.containsKey(name)) {
                selected.put(name, all.get(name));
            }
        }
        return selected;
    }
}
