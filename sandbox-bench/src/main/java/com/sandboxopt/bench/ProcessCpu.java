package com.sandboxopt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** CPU time of processes this bench started, read from {@code /proc}, and whole commands timed by GNU time. */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ProcessCpu() {
    }

    /** User + system seconds of the process and its living descendants, each with the children it reaped. */
    static double treeSeconds(ProcessHandle root) {
        double total = 0;
        for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            total += seconds(process.pid());
        }
        return total;
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: utime, stime, cutime, cstime are the 14th to 17th of the whole line
            long ticks = 0;
            for (int i = 11; i <= 14; i++) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // it ended meanwhile: its parent counts it once reaped
        }
    }

    /** A finished command: wall seconds and user + system seconds of it and everything it started. */
    record Timed(double wallSeconds, double cpuSeconds, int status) {
    }

    /** Runs the command under {@code /usr/bin/time} in {@code folder}, output discarded. */
    static Timed time(Path folder, List<String> command) {
        try {
            Files.createDirectories(folder);
            Path report = Files.createTempFile("bench-time", ".txt");
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", report.toString()));
            timed.addAll(command);
            Process process = new ProcessBuilder(timed).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int status = process.waitFor();
            String[] parts = Files.readString(report).strip().lines().reduce((a, b) -> b).orElse("").split(" ");
            Files.deleteIfExists(report);
            return new Timed(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]) + Double.parseDouble(parts[2]), status);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
