package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.Limits;

/**
 * The sizes of a sandbox's writable file systems, fixed when it starts: {@code /job} and {@code /tmp}
 * hold {@code workingDirectoryBytes} each, and {@code /job/output}, a file system of its own so that
 * its cap holds, {@code outputBytes}. An interpreter started ahead serves a job whose limits match.
 */
record FileCaps(long workingDirectoryBytes, long outputBytes) {
    static FileCaps of(Limits limits) {
        return new FileCaps(limits.workingDirectoryBytes(), Math.min(limits.artifactBytes(), limits.workingDirectoryBytes()));
    }
}
