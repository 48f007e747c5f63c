package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each job gets a private working directory, capped, with data/ read-only, and sees nothing else of the host: the
 * GraalPy runtime's own file system (the CPython sandbox's files are checked in {@link CPythonHostileModelsTest}).
 */
class JobFilesTest {
    private final Sandbox sandbox = TestSandbox.shared();

    private Job run(String... lines) {
        return TestSandbox.run(sandbox, String.join("\n", lines) + "\n", RuntimeKind.GRAALPY);
    }

    private Job run(Limits limits, String... lines) {
        return TestSandbox.run(sandbox, String.join("\n", lines) + "\n", Map.of(), limits, RuntimeKind.GRAALPY);
    }

    private String output(Job job) {
        return String.join("\n", TestSandbox.messages(sandbox, job));
    }

    @Test
    void aJobWritesAndReadsFilesInItsOwnWorkingDirectory() {
        Job job = run(
                "import os, csv, tempfile, shutil",
                "print('cwd', os.getcwd())",
                "print('start', sorted(os.listdir('.')))",
                "with open('schedule.csv', 'w', newline='') as f:",
                "    csv.writer(f).writerows([['hour', 'mw'], [1, 250.5], [2, 300]])",
                "with open('schedule.csv') as f:",
                "    print('rows', list(csv.reader(f)))",
                "os.makedirs('output/prices', exist_ok=True)",
                "open('output/prices/day.csv', 'w').write('1,42.0\\n')",
                "with tempfile.NamedTemporaryFile('w', suffix='.lp', delete=False) as t:",
                "    t.write('Minimize\\n')",
                "print('temp', os.path.dirname(t.name), os.path.getsize(t.name))",
                "with tempfile.TemporaryDirectory() as d:",
                "    open(os.path.join(d, 'x'), 'w').write('y')",
                "print('temp dir gone', not os.path.exists(d))",
                "os.rename('schedule.csv', 'output/schedule.csv')",
                "print('end', sorted(os.listdir('.')), sorted(os.listdir('output')))",
                "print('free', shutil.disk_usage('.').total)");

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsSubsequence(
                "cwd /job",
                "start ['data', 'output']",
                "rows [['hour', 'mw'], ['1', '250.5'], ['2', '300']]",
                "temp /tmp 9",
                "temp dir gone True",
                "end ['data', 'output'] ['prices', 'schedule.csv']",
                "free " + Limits.DEFAULT_WORKING_DIRECTORY_BYTES);
    }

    @Test
    void everyJobStartsEmptyAndItsFilesAreGoneAfterIt() throws IOException {
        Job first = run("open('left-behind-by-first.txt', 'w').write('secret')", "open('/tmp/also-first.txt', 'w').write('x')");
        Job second = run("import os", "print(sorted(os.listdir('.')), sorted(os.listdir('/tmp')))");

        assertThat(first.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, second)).containsExactly("['data', 'output'] []");
        try (Stream<Path> all = Files.walk(TestSandbox.dataDirectory(sandbox).resolve("work"))) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("left-behind-by-first.txt", "also-first.txt");
        }
    }

    @Test
    void writingPastTheCapFailsWithNoSpaceLeftAndALogLineAndTheJobGoesOn() {
        Limits small = Limits.defaults().withWorkingDirectoryBytes(1 << 20);
        Job job = run(small,
                "import os",
                "chunk = b'x' * 65536",
                "try:",
                "    with open('big.bin', 'wb') as f:",
                "        for i in range(40):",
                "            f.write(chunk)",
                "            f.flush()",
                "except OSError as e:",
                "    print('refused', e.errno, e.strerror, os.path.getsize('big.bin') <= 1 << 20)",
                "os.remove('big.bin')",
                "with open('small.txt', 'w') as f:",
                "    f.write('fits again')",
                "print(open('small.txt').read())");

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        List<LogLine> lines = sandbox.jobs().logs(job.id(), LogQuery.all());
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.level()).isEqualTo(LogLevel.WARNING);
            assertThat(line.message()).contains("cap of 1 MiB", "Limits.workingDirectoryBytes", "/job/big.bin");
        });
        assertThat(output(job)).contains("refused 28 No space left on device True", "fits again");
    }

    @Test
    void everyFileCountsOneBlockSoEmptyFilesCannotFillTheDiskEither() {
        Job job = run(Limits.defaults().withWorkingDirectoryBytes(1 << 20),
                "n = 0",
                "try:",
                "    while True:",
                "        open('f%d' % n, 'w').close()",
                "        n += 1",
                "except OSError as e:",
                "    print('stopped at', n, e.errno)");

        assertThat(TestSandbox.messages(sandbox, job)).contains("stopped at 255 28"); // 1 MiB / 4 KiB, less output/
    }

    @Test
    void theDataFolderIsReadOnly() {
        Job job = run(
                "import os",
                "for attempt in (lambda: open('data/x.csv', 'w'), lambda: os.mkdir('data/sub'),",
                "                lambda: os.rmdir('data'), lambda: os.rename('output', 'data/output')):",
                "    try:",
                "        attempt()",
                "        print('allowed')",
                "    except OSError as e:",
                "        print('denied', e.errno)",
                "print(os.access('data', os.W_OK), os.access('output', os.W_OK))");

        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("denied 13", "denied 13", "denied 13", "denied 13",
                "False True");
    }

    @Test
    void nothingOutsideTheJobsFilesCanBeReadListedOrWritten() throws IOException {
        Path hostWork = TestSandbox.dataDirectory(sandbox).resolve("work").toRealPath();
        Job job = run(
                "import os",
                "def attempt(label, action):",
                "    try:",
                "        print(label, 'allowed', action())",
                "    except OSError as e:",
                "        print(label, 'denied', type(e).__name__)",
                "attempt('passwd', lambda: open('/etc/passwd').read())",
                "attempt('dotdot', lambda: open('../../../../etc/passwd').read())",
                "attempt('job-dotdot', lambda: open('/job/../etc/hostname').read())",
                "try:", // the host folder behind /job: not reachable (under /tmp, as in tests, the guest's own /tmp answers)
                "    os.listdir(" + pythonString(hostWork.toString()) + ")",
                "    print('host-path allowed')",
                "except OSError:",
                "    print('host-path denied')",
                "attempt('proc', lambda: open('/proc/self/environ').read())",
                "attempt('write-etc', lambda: open('/etc/evil', 'w'))",
                "attempt('symlink', lambda: os.symlink('/etc/passwd', 'link'))",
                "attempt('hardlink', lambda: os.link('output', 'hard'))",
                "attempt('remove-job', lambda: os.rmdir('/job'))",
                "attempt('list-root', lambda: os.listdir('/job/../..'))",
                "print('dirs', os.path.isdir('/job'), os.path.isdir('/tmp'), os.path.exists('/etc'))");

        assertThat(TestSandbox.messages(sandbox, job)).containsExactly(
                "passwd denied PermissionError",
                "dotdot denied PermissionError",
                "job-dotdot denied PermissionError",
                "host-path denied",
                "proc denied PermissionError",
                "write-etc denied PermissionError",
                "symlink denied PermissionError",
                "hardlink denied PermissionError",
                "remove-job denied PermissionError",
                "list-root denied PermissionError",
                "dirs True True False");
        assertThat(output(job)).doesNotContain(hostWork.toString()).doesNotContain("root:x");
    }

    @Test
    void filesAJobWritesAreNeverImportedOrRunByTheSandbox() {
        Job writer = run(
                "open('sitecustomize.py', 'w').write('print(\"PWNED by sitecustomize\")')",
                "open('usercustomize.py', 'w').write('print(\"PWNED by usercustomize\")')",
                "open('evil.pth', 'w').write('import os; print(\"PWNED by pth\")')",
                "open('json.py', 'w').write('print(\"PWNED by json\")')",
                "open('/tmp/helper.py', 'w').write('print(\"PWNED by helper\")')",
                "import json, sys",
                "print('json from', json.__file__.startswith('/job'))",
                "try:",
                "    import helper",
                "except ImportError as e:",
                "    print('no helper:', e)",
                "print('paths', [p for p in sys.path if p.startswith(('/job', '/tmp')) or p in ('', '.')])");
        Job next = run("import json, logging", "print('clean')");

        assertThat(output(writer)).doesNotContain("PWNED").contains("json from False", "no helper: No module named 'helper'", "paths []");
        assertThat(TestSandbox.messages(sandbox, next)).containsExactly("clean");
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
