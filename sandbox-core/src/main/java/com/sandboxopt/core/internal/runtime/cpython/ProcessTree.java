package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * CPU time of a process and all its descendants, read from {@code /proc}: user and system time of
 * each live process plus what its reaped children used. A sandbox's processes all descend from
 * bubblewrap, whose init reaps orphans, so nothing a job ran is lost from the sum.
 */
final class ProcessTree {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private ProcessTree() {
    }

    /** -1 when the root process is gone. */
    static long cpuNanos(long rootPid) {
        long ticks = 0;
        boolean found = false;
        Deque<Long> pending = new ArrayDeque<>();
        pending.add(rootPid);
        int visited = 0;
        while (!pending.isEmpty() && visited++ < 100_000) {
            long pid = pending.poll();
            long own = ticksOf(pid);
            if (own < 0) {
                continue;
            }
            found = true;
            ticks += own;
            addChildren(pid, pending);
        }
        return found ? ticks * NANOS_PER_TICK : -1;
    }

    /** utime + stime + cutime + cstime, fields 14-17 of /proc/pid/stat (after the command in parentheses). */
    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return -1; // gone meanwhile
        }
    }

    private static void addChildren(long pid, Deque<Long> pending) {
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String children = Files.readString(task.resolve("children")).strip();
                if (!children.isEmpty()) {
                    for (String child : children.split(" ")) {
                        pending.add(Long.parseLong(child));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
    }
}
