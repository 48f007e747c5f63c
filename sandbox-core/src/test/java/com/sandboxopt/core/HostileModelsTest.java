package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Models that try to escape or break the host: each ends with the right status and the host stays fine. */
class HostileModelsTest {
    private final Sandbox sandbox = TestSandbox.shared();

    @AfterAll
    static void hostIsStillFine() {
        Job ok = TestSandbox.run(TestSandbox.shared(), "print('still here')\n");
        assertThat(ok.status()).isEqualTo(JobStatus.SUCCESS);
    }

    @Test
    void readingHostFilesIsDenied() {
        Job job = TestSandbox.run(sandbox, "print(open('/etc/passwd').read())\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(String.join("\n", TestSandbox.messages(sandbox, job))).doesNotContain("root:");
    }

    @Test
    void listingTheFileSystemIsDenied() {
        Job job = TestSandbox.run(sandbox, "import os\nprint(os.listdir('/'))\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(String.join("\n", TestSandbox.messages(sandbox, job))).doesNotContain("'etc'");
    }

    @Test
    void openingASocketIsDenied() {
        Job job = TestSandbox.run(sandbox, "import socket\ns = socket.create_connection(('127.0.0.1', 22), timeout=1)\nprint('connected')\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(TestSandbox.messages(sandbox, job)).doesNotContain("connected");
    }

    @Test
    void spawningAProcessIsDenied() {
        Job job = TestSandbox.run(sandbox, "import subprocess\nprint(subprocess.run(['id'], capture_output=True).stdout)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(String.join("\n", TestSandbox.messages(sandbox, job))).doesNotContain("uid=");
    }

    @Test
    void javaHostLookupIsDenied() {
        Job job = TestSandbox.run(sandbox, "import java\nsystem = java.type('java.lang.System')\nsystem.exit(1)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void evaluatingAnotherLanguageIsDenied() {
        Job job = TestSandbox.run(sandbox, "import polyglot\nprint(polyglot.eval(language='js', string='6*7'))\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(TestSandbox.messages(sandbox, job)).doesNotContain("42");
    }

    @Test
    void startingAThreadIsDenied() {
        Job job = TestSandbox.run(sandbox, "import threading\nt = threading.Thread(target=lambda: print('in thread'))\nt.start()\nt.join()\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(TestSandbox.messages(sandbox, job)).doesNotContain("in thread");
    }

    @Test
    void hostEnvironmentIsInvisible() {
        Job job = TestSandbox.run(sandbox, "import os\nprint(sorted(os.environ.keys()))\n");

        String hostPath = System.getenv("PATH");
        assertThat(String.join("\n", TestSandbox.messages(sandbox, job))).doesNotContain("PATH").doesNotContain(hostPath);
    }

    @Test
    void infiniteLoopEndsAtItsWallClockLimit() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(2)).withCpuTime(Duration.ofMinutes(1));
        Job job = TestSandbox.run(sandbox, "import time\nwhile True:\n    time.sleep(0.01)\n", Map.of(), limits);

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("Wall-clock time limit of 2s exceeded");
    }

    @Test
    void busyLoopEndsAtItsCpuLimit() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofMinutes(2)).withCpuTime(Duration.ofSeconds(2));
        Job job = TestSandbox.run(sandbox, "while True:\n    pass\n", Map.of(), limits);

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("CPU time limit of 2s exceeded");
    }

    @Test
    void cancelStopsABusyLoopPromptly() {
        Model model = TestSandbox.upload(sandbox, "spin.py", ModelType.SO, "print('spinning', flush=True)\nwhile True:\n    pass\n");
        JobHandle handle = sandbox.execute(ExecutionRequest.of(model.id()));
        await().atMost(Duration.ofMinutes(1)).until(() -> sandbox.logs(handle.jobId(), LogQuery.all()).size() == 1);

        long start = System.nanoTime();
        sandbox.cancel(handle.jobId());
        Job job = handle.await(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("cancel took " + millis + " ms");
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.error()).isEqualTo("Cancelled by user");
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("spinning");
    }

    @Test
    void printFloodIsCappedWithOneWarningAndTheJobGoesOn() {
        Limits limits = Limits.defaults().withMaxOutputLines(1_000);
        Job job = TestSandbox.run(sandbox, "for i in range(5000):\n    print(i)\nimport sandbox\nsandbox.result('finished')\n",
                Map.of(), limits);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.result()).isEqualTo("finished");
        assertThat(job.lineCount()).isEqualTo(1_001);
        LogLine last = sandbox.logs(job.id(), LogQuery.after(1_000, 10)).get(0);
        assertThat(last.level()).isEqualTo(LogLevel.WARNING);
        assertThat(last.message()).contains("4000 further lines were dropped");
    }

    @Test
    void outputByteCapCountsBytesToo() {
        Limits limits = Limits.defaults().withMaxOutputBytes(10_000);
        Job job = TestSandbox.run(sandbox, "for i in range(100):\n    print('x' * 999)\n", Map.of(), limits);

        assertThat(job.lineCount()).isEqualTo(11); // 10 lines of 999 bytes fit, then one warning
        assertThat(TestSandbox.messages(sandbox, job).get(10)).contains("90 further lines were dropped");
    }

    @Test
    void recursionBombEndsInRecursionError() {
        Job job = TestSandbox.run(sandbox, "def f(n):\n    return f(n + 1)\nf(0)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).startsWith("RecursionError");
        assertThat(TestSandbox.messages(sandbox, job)).contains("    f(0)", "    return f(n + 1)")
                .anyMatch(line -> line.matches("  \\[\\.\\.\\. \\d+ frames not shown \\.\\.\\.]"));
    }

    @Test
    void recursionBombWithARaisedLimitStillEndsInRecursionError() {
        Job job = TestSandbox.run(sandbox, "import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1)\nf(0)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains("RecursionError");
    }

    @Test
    void hugeSingleAllocationIsAPythonMemoryError() {
        Job job = TestSandbox.run(sandbox, "x = [0] * (2 ** 31 - 100)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).containsIgnoringCase("memory");
    }
}
