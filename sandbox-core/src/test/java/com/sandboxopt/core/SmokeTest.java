package com.sandboxopt.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir Path dir;

    @Test
    void smoke() {
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(dir).inMemoryDatabase().build()) {
            System.out.println(sandbox.runtime());
            String src = "import sys, logging, sandbox\nprint('name', __name__, sys.argv)\nprint('cfg', sandbox.config, sandbox.job_id)\n"
                    + "logging.warning('warn %s', 1)\nlogging.info('info')\nsandbox.metric('obj', 3.5, 1)\nsandbox.result({'a': [1,2]})\n"
                    + "print('partial', end='')\n";
            Model m = sandbox.uploadModel(ModelUpload.of("m.py", src.getBytes(StandardCharsets.UTF_8), ModelType.DMO));
            long t = System.nanoTime();
            Job job = sandbox.execute(ExecutionRequest.of(m.id()).withConfig(Map.of("x", 1))).await(Duration.ofMinutes(2));
            System.out.println("took " + (System.nanoTime() - t) / 1_000_000 + " ms " + job);
            sandbox.logs(job.id(), LogQuery.all()).forEach(System.out::println);
            String bad = "def f():\n    raise ValueError('bad thing')\nprint('before')\nf()\n";
            Model m2 = sandbox.uploadModel(ModelUpload.of("bad.py", bad.getBytes(StandardCharsets.UTF_8), ModelType.RMO));
            t = System.nanoTime();
            job = sandbox.execute(ExecutionRequest.of(m2.id())).await(Duration.ofMinutes(2));
            System.out.println("took " + (System.nanoTime() - t) / 1_000_000 + " ms " + job);
            sandbox.logs(job.id(), LogQuery.all()).forEach(System.out::println);
            Model m3 = sandbox.uploadModel(ModelUpload.of("exit.py", "print('x')\nimport sys\nsys.exit(3)\n".getBytes(StandardCharsets.UTF_8), ModelType.RMO));
            job = sandbox.execute(ExecutionRequest.of(m3.id())).await(Duration.ofMinutes(2));
            System.out.println(job);
            sandbox.logs(job.id(), LogQuery.all()).forEach(System.out::println);
            Model m4 = sandbox.uploadModel(ModelUpload.of("loop.py", "while True: pass\n".getBytes(StandardCharsets.UTF_8), ModelType.SO));
            JobHandle h = sandbox.execute(ExecutionRequest.of(m4.id()).withLimits(Limits.defaults().withWallTime(Duration.ofSeconds(2))));
            job = h.await(Duration.ofMinutes(2));
            System.out.println(job);
            try {
                sandbox.uploadModel(ModelUpload.of("syn.py", "x = (1,\nprint(2\n".getBytes(StandardCharsets.UTF_8), ModelType.SO));
            } catch (ModelValidationException e) {
                System.out.println(e.getMessage() + " " + e.line() + ":" + e.column());
            }
        }
    }
}
