package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.internal.runtime.Execution;
import java.lang.management.ManagementFactory;
import org.graalvm.polyglot.Context;

/**
 * A GraalPy job as the host controls it: its context, run by one job thread. Closing the context from
 * another thread ends even {@code while True: pass} at once. Guest code cannot start threads, so the
 * job thread's CPU time and allocated bytes are the job's.
 */
final class ContextExecution implements Execution {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Context context;
    private final long threadId;
    private final long startCpuNanos;

    ContextExecution(Context context, Thread owner) {
        this.context = context;
        this.threadId = owner.getId();
        this.startCpuNanos = THREADS.getThreadCpuTime(threadId);
    }

    @Override
    public void stop() {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosing) {
            // the owner thread is closing it too; either way the job ends
        }
    }

    @Override
    public long cpuNanos() {
        long now = THREADS.getThreadCpuTime(threadId);
        return now < 0 || startCpuNanos < 0 ? -1 : now - startCpuNanos;
    }

    @Override
    public long heapAllocatedBytes() {
        return THREADS.getThreadAllocatedBytes(threadId);
    }
}
