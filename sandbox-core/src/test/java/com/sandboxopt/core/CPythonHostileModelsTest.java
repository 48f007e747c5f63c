package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile models on CPython in bubblewrap, plus what a real interpreter can try that GraalPy
 * cannot even express: processes, signals, raw files, native memory.
 */
class CPythonHostileModelsTest extends HostileModelsContract {
    @Override
    RuntimeKind runtime() {
        return RuntimeKind.CPYTHON;
    }

    private String seen(Job job) {
        return String.join("\n", messages(job));
    }

    @Test
    void onlyTheSandboxsOwnFoldersAreVisible() {
        Job job = run("import os\nprint(sorted(os.listdir('/')))\nprint(sorted(os.listdir('/usr')))\n");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job).get(0)).isEqualTo(
                "['bin', 'dev', 'etc', 'job', 'lib', 'lib64', 'proc', 'sbin', 'tmp', 'usr']");
        assertThat(seen(job)).doesNotContain("'root'").doesNotContain("'home'");
    }

    @Test
    void shadowAndTheHostsProcessesAreOutOfReach() {
        Job job = run("""
                import os
                for path in ('/etc/shadow', '/etc/passwd', '/proc/1/environ'):
                    try:
                        print(path, open(path, 'rb').read()[:200])
                    except OSError as e:
                        print(path, 'denied', type(e).__name__)
                print('pids', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
                """);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(seen(job)).contains("/etc/shadow denied FileNotFoundError", "/etc/passwd denied FileNotFoundError")
                .doesNotContain("root:").doesNotContain(System.getenv("SANDBOX_TEST_SECRET"));
        // its own PID namespace: the sandbox's init (1) and the interpreter, and nothing of the host
        String pids = messages(job).stream().filter(line -> line.startsWith("pids")).findFirst().orElseThrow();
        assertThat(pids).isEqualTo("pids [1, 2]");
    }

    @Test
    void theServersDataDirectoryAndHomeAreInvisibleByAbsolutePath() {
        Path data = TestSandbox.dataDirectory(sandbox).toAbsolutePath();
        String home = System.getProperty("user.home");
        Job job = run("import os\nfor p in [%s, %s]:\n    print(p, os.path.exists(p))\n".formatted(
                python(data.toString()), python(home)));

        assertThat(messages(job)).containsExactly(data + " False", home + " False");
    }

    @Test
    void noNetworkAtAll() {
        Job job = run("""
                import socket
                for host, port in (('127.0.0.1', 22), ('10.0.0.1', 80)):
                    try:
                        socket.create_connection((host, port), timeout=2)
                        print('connected', host)
                    except OSError as e:
                        print('refused', host, type(e).__name__)
                print(socket.if_nameindex())
                """);

        assertThat(seen(job)).doesNotContain("connected").contains("refused 127.0.0.1", "refused 10.0.0.1")
                .contains("[(1, 'lo')]");
    }

    @Test
    void childProcessesWorkInsideTheSandbox() {
        Job job = run("import subprocess\nprint(subprocess.run(['id', '-u'], capture_output=True, text=True).stdout.strip())\n"
                + "subprocess.run(['echo', 'from a child'])\n");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).contains("from a child");
    }

    @Test
    void aForkBombEndsTheJobNotTheMachine() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(20)).withMaxProcesses(32);
        Job job = run("""
                import os
                children = 0
                try:
                    while True:
                        if os.fork() == 0:
                            import time
                            time.sleep(60)
                            os._exit(0)
                        children += 1
                except OSError as e:
                    print('fork failed after', children, 'children:', e.strerror)
                    raise
                """, limits);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(seen(job)).contains("fork failed after").contains("Resource temporarily unavailable");
        int children = Integer.parseInt(seen(job).replaceAll("(?s).*fork failed after (\\d+).*", "$1"));
        assertThat(children).isBetween(20, 32);
    }

    @Test
    void threadsStillStartUnderTheProcessLimit() {
        Job job = run("import threading\nts = [threading.Thread(target=lambda: None) for _ in range(8)]\n"
                + "[t.start() for t in ts]\n[t.join() for t in ts]\nprint('8 threads ran')\n");

        assertThat(messages(job)).containsExactly("8 threads ran");
    }

    @Test
    void theCpuLimitCountsEveryProcessOfTheJob() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofMinutes(1)).withCpuTime(Duration.ofSeconds(3));
        Job job = run("""
                import subprocess, sys, time
                spin = 'while True: pass'
                children = [subprocess.Popen([sys.executable, '-c', spin]) for _ in range(2)]
                print('children spinning', flush=True)
                time.sleep(120)  # the parent itself uses no CPU
                """, limits);

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("CPU time limit of 3s exceeded");
    }

    @Test
    void numpyStartsItsBlasThreadsUnderTheProcessLimit() {
        Job job = run("""
                import numpy as np
                a = np.random.default_rng(1).random((400, 400))
                print('trace', round(float(np.trace(a @ a)), 3) > 0)
                threads = int([l for l in open('/proc/self/status') if l.startswith('Threads:')][0].split()[1])
                print('threads', threads)
                """, Limits.defaults().withMaxProcesses(16));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).contains("trace True");
        int threads = Integer.parseInt(messages(job).get(1).split(" ")[1]);
        assertThat(threads).isBetween(1, 15);
    }

    @Test
    void aChildLeftRunningDiesWithTheJob() throws Exception {
        Job job = run("import subprocess\np = subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
                + "print('child', p.pid)\n");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> sleepers().isEmpty());
    }

    @Test
    void killingItsParentOrInitChangesNothingOutside() {
        Job job = run("import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n"
                + "        print('sent', pid)\n    except OSError as e:\n        print('refused', pid, e.strerror)\n"
                + "import time\ntime.sleep(0.2)\nprint('still running')\n");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).contains("still running");
    }

    @Test
    void writingOutsideTheWorkingDirectoryFails() {
        Job job = run("""
                for path in ('/usr/evil.txt', '/etc/evil', '/job/data/x.csv', '/proc/evil'):
                    try:
                        open(path, 'w').write('x')
                        print('wrote', path)
                    except OSError as e:
                        print('refused', path, e.strerror)
                open('/job/output/ok.csv', 'w').write('a,b\\n')
                open('/tmp/scratch', 'w').write('x')
                print('output and tmp are writable')
                """);

        assertThat(seen(job)).doesNotContain("wrote ").contains("output and tmp are writable")
                .contains("refused /usr/evil.txt Read-only file system", "refused /job/data/x.csv Read-only file system");
        assertThat(Path.of("/usr/evil.txt")).doesNotExist();
    }

    @Test
    void aSparseTwentyGigabyteFileIsRefused() {
        Job job = run("f = open('big', 'wb')\nf.seek(20 * 2**30)\nf.write(b'x')\nf.close()\nprint('wrote 20 GB')\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains("File too large");
        assertThat(messages(job)).contains("A file of the job reached the size limit of 256 MiB (Limits.workingDirectoryBytes)");
        assertThat(messages(job)).doesNotContain("wrote 20 GB");
    }

    @Test
    void fillingTheDiskStopsAtTheWorkingDirectoryCap() {
        Limits limits = Limits.defaults().withWorkingDirectoryBytes(8L << 20);
        Job job = run("""
                import os
                written = 0
                try:
                    for i in range(1000):
                        with open('fill-%d' % i, 'wb') as f:
                            f.write(os.urandom(1 << 20))
                        written += 1
                finally:
                    print('wrote', written, 'MiB')
                """, limits);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains("No space left on device");
        assertThat(messages(job)).contains(
                "The job's files reached their limit: /job and /tmp hold at most 8 MiB each (Limits.workingDirectoryBytes),"
                        + " /job/output at most 8 MiB (Limits.artifactBytes)");
        int mib = Integer.parseInt(seen(job).replaceAll("(?s).*wrote (\\d+) MiB.*", "$1"));
        assertThat(mib).isBetween(6, 8);
    }

    @Test
    void aMemoryBombEndsFailedWithMemoryLimit() {
        Limits limits = Limits.defaults().withMemoryBytes(256L << 20);
        Job job = run("blocks = []\nwhile True:\n    blocks.append(bytearray(16 << 20))\n", limits);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        if (sandbox.runtimes().get(1).version().contains("cgroup")) { // this machine lets the server create cgroups
            assertThat(job.error()).isEqualTo(
                    "memory limit: the job's processes together passed their limit of 256 MiB and the kernel stopped them");
        } else {
            assertThat(job.error()).startsWith("memory limit").contains("256 MiB");
        }
    }

    @Test
    void garbageWrittenIntoTheChannelFailsTheJobCleanly() {
        Job job = run("import os\nprint('before')\nos.write(3, b'Z\\xff\\xff\\xff\\xffgarbage')\nimport time\ntime.sleep(5)\n"
                + "print('after')\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).startsWith("The model broke the sandbox's channel");
        assertThat(messages(job)).contains("before").doesNotContain("after");
    }

    @Test
    void forgedFramesAreCheckedLikeAnyOther() {
        Job job = run("import os, struct\npayload = b'{\"level\": 5}'\n"
                + "os.write(3, b'L' + struct.pack('>I', len(payload)) + payload)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains("'level' is not a string");
    }

    @Test
    void cancelEndsTheWholeProcessTree() throws Exception {
        Model model = sandbox.models().upload(ModelUpload.of("tree.py", """
                import subprocess, time
                for _ in range(3):
                    subprocess.Popen(['sleep', '600'])
                print('children started', flush=True)
                while True:
                    pass
                """.getBytes(StandardCharsets.UTF_8), ModelType.SO).withRuntime(RuntimeKind.CPYTHON));
        JobHandle handle = sandbox.jobs().execute(ExecutionRequest.of(model.id()));
        await().atMost(Duration.ofMinutes(1)).until(() -> sandbox.jobs().logs(handle.jobId(), LogQuery.all()).size() == 1);
        assertThat(sleepers()).hasSize(3);

        long start = System.nanoTime();
        sandbox.jobs().cancel(handle.jobId());
        Job job = handle.await(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("cancel of a CPython job with 3 children took " + millis + " ms");
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(sleepers()).isEmpty(); // the job ends once its sandbox has: no child outlives it
    }

    /** {@code sleep 600} processes anywhere on the host (only these tests start them). */
    private static List<Long> sleepers() throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("cmdline")).equals("sleep\u0000600\u0000");
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    private static String python(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
