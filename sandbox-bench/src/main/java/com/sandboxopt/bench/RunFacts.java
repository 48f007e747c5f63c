package com.sandboxopt.bench;

import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.RuntimeStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The facts about the run and this machine that the blocks of {@code docs/BENCHMARKS.md} share: the command, the
 * cores and load average, the JDK, and how the runtimes were set up. The numbers mean little without them: the
 * machine is shared, and an interpreted GraalPy or a missing bubblewrap changes every one.
 */
final class RunFacts {
    private final BenchOptions options;
    private final String loadAtStart;
    private final Instant startedAt;

    /** Made when the run starts: the load average and the time then are its start. */
    RunFacts(BenchOptions options) {
        this.options = options;
        this.loadAtStart = Machine.loadAverage();
        this.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The command, machine and JDK lines every section-only block starts with; {@code whatCounts} in the load. */
    String sectionOnly(String mode, String whatCounts) {
        return commandMachineAndJdk(options.typedCommand(), mode, whatCounts);
    }

    /** The command, machine and JDK lines a full or quick run's block starts with. */
    String fullRun(String mode) {
        return commandMachineAndJdk(options.fullRunCommand(mode), mode,
                "the bench's own threads and CPython children count, and anything else running");
    }

    private String commandMachineAndJdk(String command, String mode, String whatCounts) {
        return String.join("\n",
                "- command: `" + command + "` (" + mode + " mode), started " + startedAt,
                "- machine: " + Machine.cores() + " cores (nproc), load average " + loadAtStart + " at start, "
                        + Machine.loadAverage() + " at end (1/5/15 min, whole machine: " + whatCounts + ")",
                "- JDK: " + Machine.jdk() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }

    /** Whether GraalPy runs compiled; if not, the block says so loudly and how to get the JIT. */
    static String runtimeMode(RuntimeInfo runtime) {
        return runtime.optimizing() ? "JIT (Graal compiler via JVMCI)"
                : "INTERPRETED: started without the Graal JIT (needs JDK 25 with JVMCI, the jars in sandbox-bench/target/jit"
                        + " and SANDBOX_JIT not off), compute numbers are not representative";
    }

    /** The graalpy runtime as the bench's sandboxes run it: implementation, Python version, JIT, compiler threads. */
    static String graalpyRuntime(RuntimeInfo runtime, String runtimeMode, int compilerThreads) {
        return runtime.implementation() + ", Python " + runtime.pythonVersion() + ", " + runtimeMode
                + (runtime.optimizing() ? ", " + (compilerThreads == 0 ? "Truffle's choice of compiler threads"
                        : compilerThreads + " compiler thread" + (compilerThreads > 1 ? "s" : "")) : "");
    }

    /** The cpython runtime's version, or why it is missing (null: not configured), and bubblewrap's version. */
    static String cpythonRuntime(RuntimeStatus cpython) {
        return (cpython == null ? "not configured" : cpython.available() ? cpython.version()
                : "unavailable: " + cpython.reason()) + "; " + bubblewrapVersion();
    }

    /** kernel.sched_autogroup_enabled: with 1, CPU time is shared between sessions first. */
    static String autogroup() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String bubblewrapVersion() {
        try {
            Process process = new ProcessBuilder("bwrap", "--version").redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? said : "bwrap --version failed";
        } catch (IOException e) {
            return "bwrap not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bwrap";
        }
    }
}
