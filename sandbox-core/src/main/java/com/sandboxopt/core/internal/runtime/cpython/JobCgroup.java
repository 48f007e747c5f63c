package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup (one per hierarchy on cgroup v1) of one sandboxed interpreter: every process of the
 * sandbox is in it from the start, its limits are set when the job arrives, and it is removed once
 * the sandbox has ended.
 */
final class JobCgroup implements AutoCloseable {
    private final int version;
    private final List<Path> groups;

    JobCgroup(int version, List<Path> groups) {
        this.version = version;
        this.groups = groups;
    }

    /** The files a process writes its pid into to join (the sandbox's shell does, before bubblewrap runs). */
    List<Path> procsFiles() {
        return groups.stream().map(group -> group.resolve("cgroup.procs")).toList();
    }

    /** Memory of all the job's processes together (swap included, where the kernel counts it) and their number. */
    void limit(long memoryBytes, int maxProcesses) throws IOException {
        Path memory = groups.get(0);
        Path pids = groups.get(groups.size() - 1);
        if (version == 2) {
            Files.writeString(memory.resolve("memory.max"), Long.toString(memoryBytes));
            writeIfPresent(memory.resolve("memory.swap.max"), "0");
        } else {
            Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
            writeIfPresent(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
        }
        Files.writeString(pids.resolve("pids.max"), Integer.toString(maxProcesses));
    }

    /**
     * The most memory its processes used together since the sandbox started (its imports done ahead included), as
     * the limit counts it (their files on its tmpfs too); -1 where the kernel does not say (cgroup v2 before Linux
     * 5.19 has no {@code memory.peak}). The mark stays after the processes have ended, until the cgroup is removed.
     */
    long peakBytes() {
        Path file = groups.get(0).resolve(version == 2 ? "memory.peak" : "memory.max_usage_in_bytes");
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the kernel killed a process of the job for passing its memory limit. */
    boolean oomKilled() {
        Path file = groups.get(0).resolve(version == 2 ? "memory.events" : "memory.oom_control");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).strip()) > 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    private static void writeIfPresent(Path file, String value) throws IOException {
        if (Files.exists(file)) {
            Files.writeString(file, value);
        }
    }

    /** Removes the cgroup; its processes are gone by then (the kernel refuses to remove one that has any). */
    @Override
    public void close() {
        for (Path group : groups) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Files.deleteIfExists(group);
                    break;
                } catch (IOException busy) {
                    try {
                        Thread.sleep(20); // the last process is still being reaped
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
