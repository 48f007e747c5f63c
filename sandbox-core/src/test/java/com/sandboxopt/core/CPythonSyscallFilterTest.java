package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seccomp filter of the CPython sandbox: each system call a model never needs fails with EPERM
 * and the job goes on, while numpy, SciPy, pandas (and PuLP with CBC, in {@link CPythonRuntimeTest})
 * work as before. System call numbers are x86_64's.
 */
class CPythonSyscallFilterTest {
    /** Calls a system call through libc and prints its name, its result and, when it failed, the errno's name. */
    private static final String CALL = """
            import ctypes, errno
            libc = ctypes.CDLL(None, use_errno=True)
            result = libc.syscall(%d, *[ctypes.c_long(a) for a in (%s)])
            print('%s', result, errno.errorcode[ctypes.get_errno()] if result == -1 else 'ran')
            """;

    private final Sandbox sandbox = TestSandbox.shared();

    private Job run(Sandbox on, String source) {
        return TestSandbox.run(on, source, Map.of(), null, RuntimeKind.CPYTHON);
    }

    @Test
    void theRuntimeSaysItsFilterIsOn() {
        assertThat(sandbox.runtimes().get(1).version()).endsWith(", seccomp filter: 24 calls refused");
    }

    /** The arguments are harmless; where they can, they make the call succeed or fail otherwise without the filter. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "ptrace; 101; 0, 0, 0, 0", // PTRACE_TRACEME: succeeds without the filter
            "process_vm_readv; 310; os.getpid(), 0, 0, 0, 0, 0",
            "process_vm_writev; 311; os.getpid(), 0, 0, 0, 0, 0",
            "mount; 165; 0, 0, 0, 0, 0",
            "umount2; 166; 0, 0",
            "unshare; 272; 0,", // no flags: succeeds without the filter
            "setns; 308; -1, 0",
            "keyctl; 250; 0, -3, 0", // the session keyring's id
            "add_key; 248; 0, 0, 0, 0, 0",
            "request_key; 249; 0, 0, 0, 0",
            "bpf; 321; 0, 0, 0",
            "perf_event_open; 298; 0, 0, -1, -1, 0",
            "userfaultfd; 323; 0,",
            "kexec_load; 246; 0, 0, 0, 0",
            "kexec_file_load; 320; -1, -1, 0, 0, 0",
            "init_module; 175; 0, 0, 0",
            "finit_module; 313; -1, 0, 0",
            "delete_module; 176; 0, 0",
            "reboot; 169; 0, 0, 0, 0",
            "swapon; 167; 0, 0",
            "swapoff; 168; 0,",
            "personality; 135; 0xffffffff,", // asks for the current one
            "iopl; 172; 0,",
            "ioperm; 173; 0, 0, 0",
    })
    void eachCallAModelNeverNeedsFailsWithEpermAndTheJobEndsCleanly(String call, int number, String arguments) {
        Job job = run(sandbox, "import os\n" + CALL.formatted(number, arguments, call) + "print('still running')\n");

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly(call + " -1 EPERM", "still running");
    }

    @Test
    void aNestedUserNamespaceIsRefusedByUnshareCloneClone3AndTheUnshareProgram() {
        Job job = run(sandbox, """
                import ctypes, errno, os, subprocess
                libc = ctypes.CDLL(None, use_errno=True)
                CLONE_NEWUSER, SIGCHLD = 0x10000000, 17
                def said(name, result):
                    if result == 0:  # a child of clone that got through: it must not go on as a copy of the model
                        os._exit(0)
                    print(name, result, errno.errorcode[ctypes.get_errno()] if result == -1 else 'ran')
                said('unshare', libc.unshare(CLONE_NEWUSER))
                said('clone', libc.syscall(56, ctypes.c_long(CLONE_NEWUSER | SIGCHLD), 0, 0, 0, 0))
                args = (ctypes.c_uint64 * 11)(CLONE_NEWUSER, 0, 0, 0, SIGCHLD)  # struct clone_args
                said('clone3', libc.syscall(435, ctypes.byref(args), ctypes.sizeof(args)))
                p = subprocess.run(['unshare', '--user', 'id'], capture_output=True, text=True)
                print('unshare --user', p.returncode, p.stderr.strip())
                """);

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        // clone3 says "not implemented", so that glibc falls back to clone, where the flags can be seen
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("unshare -1 EPERM", "clone -1 EPERM",
                "clone3 -1 ENOSYS", "unshare --user 1 unshare: unshare failed: Operation not permitted");
    }

    @Test
    void aSystemCallOfThe32BitAbiKillsTheWholeInterpreterAndTheJobFails() {
        Job job = run(sandbox, """
                import ctypes, mmap, threading
                threading.Thread(target=threading.Event().wait, daemon=True).start()  # must die too, not wait
                code = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
                code.write(bytes([0xb8, 20, 0, 0, 0, 0xcd, 0x80, 0xc3]))  # mov eax, 20 (i386 getpid); int 0x80; ret
                getpid = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(code)))
                print('before', flush=True)
                print('i386 getpid', getpid())
                """);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("The model's interpreter was killed for a system call the sandbox forbids (SIGSYS)");
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("before");
    }

    @Test
    void everyJobRunsUnderTheFilterAndItsFileIsNotOpenInside() {
        Job job = run(sandbox, """
                import os
                print([line.split()[1] for line in open('/proc/self/status') if line.startswith('Seccomp:')][0])
                for fd in sorted(os.listdir('/proc/self/fd'), key=int):
                    try:
                        print(fd, os.readlink('/proc/self/fd/' + fd))
                    except OSError:
                        print(fd, 'the listing itself')
                """);

        List<String> seen = TestSandbox.messages(sandbox, job);
        assertThat(seen.get(0)).isEqualTo("2"); // SECCOMP_MODE_FILTER
        assertThat(seen).noneMatch(line -> line.contains("seccomp") || line.contains(".bpf"));
        // stdin (/dev/null), stdout, stderr, the channel, the guest's inbox, the listing: nothing else
        assertThat(seen.subList(1, seen.size())).extracting(line -> line.split(" ")[0])
                .containsExactly("0", "1", "2", "3", "4", "5");
    }

    @Test
    void numpyScipyAndPandasImportAndCompute() {
        Job job = run(sandbox, """
                import numpy as np, pandas as pd, scipy.optimize
                a = np.random.default_rng(1).random((300, 300))
                print('solve', np.allclose(a @ np.linalg.solve(a, np.ones(300)), 1))
                res = scipy.optimize.linprog([20, 35], A_eq=[[1, 1]], b_eq=[120], bounds=[(0, 80), (0, 100)])
                print('linprog', round(res.fun, 1))
                print('mean price', pd.DataFrame({'price': [30.0, 42.5, 55.0, 38.0]}).price.mean())
                """);

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).contains("solve True", "linprog 3000.0", "mean price 41.375");
    }

    @Test
    void withoutPython3SeccompTheRuntimeSaysSoAndJobsRunUnfiltered() {
        try (Sandbox without = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1)
                .filterPython(pythonWithoutDistPackages()).build()) {
            RuntimeStatus cpython = without.runtimes().get(1);
            assertThat(cpython.available()).as(cpython.reason()).isTrue();
            assertThat(cpython.version()).endsWith(
                    ", no system-call filter (python3-seccomp is not installed: apt-get install python3-seccomp)");

            Job job = run(without, "import os, ctypes, errno\n"
                    + "libc = ctypes.CDLL(None, use_errno=True)\n"
                    // in a child of one thread: the job's interpreter has threads, and unshare refuses a new user
                    // namespace to a process with threads (EINVAL) before --disable-userns is asked; before the
                    // ptrace below, which makes this process a tracee (PTRACE_TRACEME)
                    + "pid = os.fork()\n"
                    + "if pid == 0:\n"
                    + "    os._exit(0 if libc.unshare(0x10000000) == 0 else ctypes.get_errno())\n"
                    + "print('unshare', errno.errorcode.get(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), 'ran'))\n"
                    + "print([line.split()[1] for line in open('/proc/self/status') if line.startswith('Seccomp:')][0])\n"
                    + CALL.formatted(101, "0, 0, 0, 0", "ptrace"));

            assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
            // the call the filter refuses runs; bubblewrap's --disable-userns alone still stops a nested user namespace
            assertThat(TestSandbox.messages(without, job)).containsExactly("unshare ENOSPC", "0", "ptrace 0 ran");
        }
    }

    /** Debian's python3 without its site packages (-S), so without the seccomp module, on any machine. */
    private static Path pythonWithoutDistPackages() {
        try {
            Path python = TestSandbox.tempDirectory().resolve("python3");
            Files.writeString(python, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
            Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
            return python;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
