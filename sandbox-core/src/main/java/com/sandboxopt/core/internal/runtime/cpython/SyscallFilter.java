package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.internal.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seccomp filter every sandboxed interpreter runs under: the system calls a model never needs
 * ({@code ptrace}, {@code mount}, {@code unshare}, {@code bpf}, ...) and new user namespaces fail with
 * {@code EPERM}. It is built once per runtime by {@code syscall_filter.py} with libseccomp, through
 * Debian's python3 and its python3-seccomp (the models' interpreter may lack that module), and written
 * as a BPF program that bubblewrap loads ({@code --seccomp}). Without python3-seccomp jobs still run,
 * unfiltered, and {@link #describe()} says so.
 *
 * @param program the BPF program, readable by the host's user only; null when there is no filter
 * @param refused the system calls refused by name
 * @param missing why there is no filter, and what to do; null when there is one
 */
record SyscallFilter(Path program, List<String> refused, String missing) {
    private static final String INSTALL = "apt-get install python3-seccomp";
    private static final int NO_MODULE = 3; // the script's exit status when it cannot import seccomp
    private static final String SCRIPT = script();

    /** Writes the filter to {@code program} (which must not exist yet) with {@code python}. */
    static SyscallFilter build(Path python, Path program) {
        if (!Availability.isExecutable(python)) {
            return without(python + " was not found: apt-get install python3 python3-seccomp");
        }
        try {
            Process process = new ProcessBuilder(python.toString(), "-I", "-c", SCRIPT, program.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return without(python + " did not build it within 30 s");
            }
            if (process.exitValue() == NO_MODULE) {
                return without("python3-seccomp is not installed: " + INSTALL);
            }
            if (process.exitValue() != 0) {
                return without(python + " could not build it: " + out);
            }
            List<String> refused = new ArrayList<>();
            if (!(Json.read(out.lines().reduce((a, b) -> b).orElse("")) instanceof List<?> names)) {
                return without(python + " did not list the calls it refuses: " + out);
            }
            names.forEach(name -> refused.add(String.valueOf(name)));
            return new SyscallFilter(program, List.copyOf(refused), null);
        } catch (IOException | RuntimeException e) {
            return without(python + " could not build it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return without("interrupted while building it");
        }
    }

    private static SyscallFilter without(String why) {
        return new SyscallFilter(null, List.of(), why);
    }

    boolean on() {
        return program != null;
    }

    /** For the runtime's status, e.g. {@code seccomp filter: 24 calls refused}. */
    String describe() {
        return on() ? "seccomp filter: " + refused.size() + " calls refused" : "no system-call filter (" + missing + ")";
    }

    private static String script() {
        try (InputStream in = SyscallFilter.class.getResourceAsStream("syscall_filter.py")) {
            if (in == null) {
                throw new IllegalStateException("syscall_filter.py is missing from the sandbox-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
