package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Models that try to escape or break the host, run on each runtime (a subclass per runtime adds what
 * only that runtime must withstand): each ends with the right status and the host stays fine.
 */
abstract class HostileModelsContract {
    protected final Sandbox sandbox = TestSandbox.shared();

    /** The runtime every model of this class runs on. */
    abstract RuntimeKind runtime();

    @AfterEach
    void hostIsStillFine() {
        Job ok = run("print('still here')\n");
        assertThat(ok.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(ok.placement().runtime()).isEqualTo(runtime());
    }

    protected Job run(String source) {
        return TestSandbox.run(sandbox, source, Map.of(), null, runtime());
    }

    protected Job run(String source, Limits limits) {
        return TestSandbox.run(sandbox, source, Map.of(), limits, runtime());
    }

    protected List<String> messages(Job job) {
        return TestSandbox.messages(sandbox, job);
    }

    @Test
    void readingHostFilesIsDenied() {
        Job job = run("print(open('/etc/passwd').read())\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(String.join("\n", messages(job))).doesNotContain("root:");
    }

    @Test
    void openingASocketIsDenied() {
        Job job = run("import socket\ns = socket.create_connection(('127.0.0.1', 22), timeout=1)\nprint('connected')\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(messages(job)).doesNotContain("connected");
    }

    @Test
    void hostEnvironmentIsInvisible() {
        Job job = run("import os\nprint(dict(os.environ))\n");

        String seen = String.join("\n", messages(job));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(seen).doesNotContain(System.getenv("PATH")).doesNotContain(System.getProperty("user.home"));
        assertThat(System.getenv("SANDBOX_TEST_SECRET")).isNotBlank();
        assertThat(seen).doesNotContain(System.getenv("SANDBOX_TEST_SECRET"));
    }

    @Test
    void infiniteLoopEndsAtItsWallClockLimit() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(2)).withCpuTime(Duration.ofMinutes(1));
        Job job = run("import time\nwhile True:\n    time.sleep(0.01)\n", limits);

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("Wall-clock time limit of 2s exceeded");
    }

    @Test
    void busyLoopEndsAtItsCpuLimit() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofMinutes(2)).withCpuTime(Duration.ofSeconds(2));
        Job job = run("while True:\n    pass\n", limits);

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("CPU time limit of 2s exceeded");
    }

    @Test
    void cancelStopsABusyLoopPromptly() {
        Model model = sandbox.models().upload(ModelUpload.of("spin.py",
                "print('spinning', flush=True)\nwhile True:\n    pass\n".getBytes(StandardCharsets.UTF_8), ModelType.SO)
                .withRuntime(runtime()));
        JobHandle handle = sandbox.jobs().execute(ExecutionRequest.of(model.id()));
        await().atMost(Duration.ofMinutes(1)).until(() -> sandbox.jobs().logs(handle.jobId(), LogQuery.all()).size() == 1);

        long start = System.nanoTime();
        sandbox.jobs().cancel(handle.jobId());
        Job job = handle.await(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("cancel took " + millis + " ms");
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.error()).isEqualTo("Cancelled by user");
        assertThat(messages(job)).containsExactly("spinning");
    }

    @Test
    void printFloodIsCappedWithOneWarningAndTheJobGoesOn() {
        Limits limits = Limits.defaults().withMaxOutputLines(1_000);
        Job job = run("for i in range(5000):\n    print(i)\nimport sandbox\nsandbox.result('finished')\n",
                limits);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.result()).isEqualTo("finished");
        assertThat(job.outcome().lineCount()).isEqualTo(1_001);
        LogLine last = sandbox.jobs().logs(job.id(), LogQuery.after(1_000, 10)).get(0);
        assertThat(last.level()).isEqualTo(LogLevel.WARNING);
        assertThat(last.message()).contains("4000 further lines were dropped");
    }

    @Test
    void outputByteCapCountsBytesToo() {
        Limits limits = Limits.defaults().withMaxOutputBytes(10_000);
        Job job = run("for i in range(100):\n    print('x' * 999)\n", limits);

        assertThat(job.outcome().lineCount()).isEqualTo(11); // 10 lines of 999 bytes fit, then one warning
        assertThat(messages(job).get(10)).contains("90 further lines were dropped");
    }

    @Test
    void hugeSingleAllocationIsAPythonMemoryError() {
        Job job = run("x = [0] * (2 ** 31 - 100)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).containsIgnoringCase("memory");
    }
}
