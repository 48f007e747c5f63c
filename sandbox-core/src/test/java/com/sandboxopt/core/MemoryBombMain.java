package com.sandboxopt.core;

import java.time.Duration;

/**
 * Runs in a forked JVM with a small heap (see {@link MemoryLimitTest}): a model that allocates
 * without bound next to a well-behaved one. Prints one line per job for the test to check.
 */
public final class MemoryBombMain {
    private MemoryBombMain() {
    }

    public static void main(String[] args) {
        // the JVM's heap guard is what this checks: GraalPy jobs allocate on the JVM's heap
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase()
                .poolSize(2).defaultRuntime(RuntimeKind.GRAALPY).build()) {
            Model bomb = TestSandbox.upload(sandbox, "bomb.py", ModelType.DMO,
                    "x = []\nwhile True:\n    x.append([0] * 1000)\n");
            Model steady = TestSandbox.upload(sandbox, "steady.py", ModelType.RMO,
                    "import time\ntotal = 0\nfor i in range(40):\n    total += sum(range(1000))\n    time.sleep(0.1)\nprint('steady done', total)\n");
            JobHandle steadyJob = sandbox.jobs().execute(ExecutionRequest.of(steady.id()));
            JobHandle bombJob = sandbox.jobs().execute(ExecutionRequest.of(bomb.id()));
            Job bombDone = bombJob.await(Duration.ofMinutes(3));
            Job steadyDone = steadyJob.await(Duration.ofMinutes(3));
            System.out.println("BOMB " + bombDone.status().wireName() + " " + bombDone.error());
            System.out.println("STEADY " + steadyDone.status().wireName() + " "
                    + sandbox.jobs().logs(steadyDone.id(), LogQuery.all()).stream().map(LogLine::message).toList());
            Job after = TestSandbox.run(sandbox, "print('after the bomb')\n");
            System.out.println("AFTER " + after.status().wireName());
        }
    }
}
