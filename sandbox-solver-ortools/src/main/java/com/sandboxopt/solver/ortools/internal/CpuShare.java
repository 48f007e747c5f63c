package com.sandboxopt.solver.ortools.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The share of one processor a solve can expect on this machine now: the processors over the tasks that want one (the
 * one-minute load average of {@code /proc/loadavg}, plus the solve itself), at most all of one and at least
 * {@link #FLOOR}. A backend that counts CPU seconds (CBC, CLP) gets less than its clock time on a busy machine; this
 * turns a limit by the clock into one it counts.
 */
final class CpuShare {
    /** Never less: a load average counts tasks waiting on disk too, and a solve given too little finds nothing. */
    static final double FLOOR = 0.2;
    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

    private CpuShare() {
    }

    /** Now, on this machine; all of a processor where the load average cannot be read. */
    static double now() {
        try {
            String first = Files.readString(LOAD_AVERAGE).strip().split("\\s+")[0];
            return of(Double.parseDouble(first), Runtime.getRuntime().availableProcessors());
        } catch (IOException | RuntimeException unknown) {
            return 1;
        }
    }

    static double of(double loadAverage, int processors) {
        double share = processors / (Math.max(0, loadAverage) + 1);
        return Math.max(FLOOR, Math.min(1, share));
    }
}
