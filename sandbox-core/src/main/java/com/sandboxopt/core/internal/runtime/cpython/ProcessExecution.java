package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.internal.runtime.Execution;

/**
 * A CPython job as the host controls it: killing the sandbox ends all its processes; CPU is theirs
 * together. The watchdog asks every 10 ms; walking {@code /proc} at most every 50 ms keeps that off
 * the cores the job computes on.
 */
final class ProcessExecution implements Execution {
    private static final long REFRESH_NANOS = 50_000_000L;

    private final SandboxedInterpreter interpreter;
    private final long startCpuNanos;
    private long lastCpuNanos; // guarded by this
    private long readAtNanos; // guarded by this

    ProcessExecution(SandboxedInterpreter interpreter) {
        this.interpreter = interpreter;
        this.startCpuNanos = Math.max(0, ProcessTree.cpuNanos(interpreter.pid())); // what preparing it cost
        this.readAtNanos = System.nanoTime();
    }

    @Override
    public void stop() {
        interpreter.kill();
    }

    /** Its sandbox's cgroup's high-water mark; asked once every process of it has ended, before the cgroup goes. */
    @Override
    public long peakMemoryBytes() {
        return interpreter.peakMemoryBytes();
    }

    @Override
    public synchronized long finalCpuNanos() {
        readAtNanos = System.nanoTime() - REFRESH_NANOS;
        return cpuNanos();
    }

    @Override
    public synchronized long cpuNanos() {
        long now = System.nanoTime();
        if (now - readAtNanos >= REFRESH_NANOS) {
            long total = ProcessTree.cpuNanos(interpreter.pid());
            if (total < 0) {
                return lastCpuNanos; // the sandbox has ended: its last reading stands
            }
            lastCpuNanos = Math.max(0, total - startCpuNanos);
            readAtNanos = now;
        }
        return lastCpuNanos;
    }
}
