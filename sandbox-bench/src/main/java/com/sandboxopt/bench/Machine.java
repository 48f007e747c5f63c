package com.sandboxopt.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Facts about this machine and this process: load, CPU time, heap after a full GC. */
final class Machine {
    private static final long NANOS_PER_CLOCK_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private Machine() {
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** CPU time of this JVM (all threads: jobs, context preparation, H2, JIT compiler). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of child processes this JVM has waited for (cutime + cstime of /proc/self/stat). */
    static long childCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_CLOCK_TICK;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * CPU time of this JVM's threads so far, grouped by what they do (from /proc/self/task; threads
     * that ended are not counted): job threads, the Truffle compiler, HotSpot's C1/C2 (which
     * compile GraalPy and, on a stock JDK, the Graal compiler itself), GC, and the rest.
     */
    static Map<String, Long> cpuNanosByThreadGroup() {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String group : new String[] {"job threads", "Truffle compiler", "HotSpot C1/C2", "GC", "other"}) {
            groups.put(group, 0L);
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_CLOCK_TICK;
                    groups.merge(threadGroup(name), nanos, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    private static String threadGroup(String name) {
        if (name.startsWith("sandbox-job")) {
            return "job threads";
        }
        if (name.startsWith("TruffleCompiler")) {
            return "Truffle compiler";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "HotSpot C1/C2";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        return "other";
    }

    /**
     * Waits until this JVM has used under 10 % of one core for a whole second (the JIT's queue
     * drained, the pool's next contexts prepared), at most {@code maxWaitMillis}, then returns the
     * heap after GC and how long it waited. Heap read while the compiler is busy includes its
     * graphs in flight (100-500 MB seen), which would hide or fake growth.
     */
    static AtRest heapUsedMbAtRest(long maxWaitMillis) {
        long start = System.nanoTime();
        long deadline = start + maxWaitMillis * 1_000_000L;
        boolean idle = false;
        while (!idle && System.nanoTime() < deadline) {
            long cpu = processCpuNanos();
            sleep(1000);
            idle = processCpuNanos() - cpu < 100_000_000L;
        }
        return new AtRest(heapUsedMbAfterGc(), (System.nanoTime() - start) / 1e9, idle);
    }

    /** Heap after GC at rest: {@code idle} false when the JVM was still busy at the deadline. */
    record AtRest(double mb, double waitedSeconds, boolean idle) {
    }

    static double heapUsedMbAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
