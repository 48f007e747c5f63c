package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CPython jobs limited by rlimits alone, as where the server may not create cgroups: memory and processes still hold. */
class CPythonRlimitsTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void startWithoutCgroups() {
        sandbox = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1)
                .defaultRuntime(RuntimeKind.CPYTHON).cgroups(false).build();
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    private static Job run(String source, Limits limits) {
        Model model = sandbox.models().upload(ModelUpload.of("m.py", source.getBytes(StandardCharsets.UTF_8), ModelType.SO));
        return sandbox.jobs().execute(ExecutionRequest.of(model.id()).withLimits(limits)).await(Duration.ofMinutes(2));
    }

    @Test
    void theRuntimeSaysItLimitsByRlimits() {
        assertThat(sandbox.runtimes().get(1).version()).contains(", limits by rlimits, ");
    }

    @Test
    void aMemoryBombEndsInAMemoryErrorAtTheAddressSpaceLimit() {
        Job job = run("blocks = []\nwhile True:\n    blocks.append(bytearray(16 << 20))\n",
                Limits.defaults().withMemoryBytes(256L << 20));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("memory limit: the job's processes reached their limit of 256 MiB (MemoryError)");
    }

    @Test
    void aForkBombGetsEagainFromTheProcessLimit() {
        Job job = run("import os\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            import time\n"
                + "            time.sleep(30)\n            os._exit(0)\n        n += 1\nexcept OSError as e:\n"
                + "    print('stopped after', n, e.strerror)\n", Limits.defaults().withMaxProcesses(16));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).singleElement().asString()
                .matches("stopped after 1[0-5] Resource temporarily unavailable");
    }
}
