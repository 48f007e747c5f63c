package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.internal.runtime.Execution;

/** A CPython job as the host controls it: killing the sandbox ends all its processes; CPU is theirs together. */
final class ProcessExecution implements Execution {
    private final SandboxedInterpreter interpreter;
    private final long startCpuNanos;

    ProcessExecution(SandboxedInterpreter interpreter) {
        this.interpreter = interpreter;
        this.startCpuNanos = Math.max(0, ProcessTree.cpuNanos(interpreter.pid())); // what preparing it cost
    }

    @Override
    public void stop() {
        interpreter.kill();
    }

    @Override
    public long cpuNanos() {
        long now = ProcessTree.cpuNanos(interpreter.pid());
        return now < 0 ? -1 : Math.max(0, now - startCpuNanos);
    }
}
