package com.sandboxopt.bench;

import com.sandboxopt.core.SandboxBuilder;
import java.util.List;

/**
 * What {@code ./sandbox bench} was asked for: which sections run, what the main sandbox imports ahead, how many
 * compiler threads it gets, and so the mode that names the run's block in {@code docs/BENCHMARKS.md} (and its rows
 * in {@code docs/benchmarks.csv}). An argument it does not know is ignored.
 *
 * @param flags   the arguments as given, for the command line in a section-only block's facts
 * @param imports {@code lean}, {@code fixed-imports}, or empty for the default (pre-imports learned)
 */
record BenchOptions(List<String> flags, boolean quick, boolean pulpOnly, boolean cpythonOnly, boolean dataOnly,
                    boolean nodesOnly, boolean logsOnly, boolean schedulesOnly, boolean firstClickOnly,
                    boolean securityOnly, boolean experimentsOnly, boolean streamOnly, String imports,
                    boolean twoCompilerThreads) {
    /** --fixed-imports: what every context imported ahead before pre-imports were learned. */
    static final List<String> COMMON_MODULES = List.of("collections", "datetime", "functools", "heapq",
            "itertools", "json", "logging", "math", "random", "re", "time");

    static BenchOptions parse(String[] args) {
        List<String> flags = List.of(args);
        return new BenchOptions(flags,
                flags.contains("--quick"),
                // --pulp-only: just the PuLP section, in a block of its own (quick-pulp, full-pulp)
                flags.contains("--pulp-only"),
                // --cpython-only: just the CPython section (the cpython runtime against bare python3 and graalpy), block "cpython"
                flags.contains("--cpython-only"),
                // --data-only: just the data section (data sources under data/, their upload, artifacts; both runtimes), block "data"
                flags.contains("--data-only"),
                // --nodes-only: just the nodes section (H2 against one and two nodes sharing a PostgreSQL queue), block "nodes"
                flags.contains("--nodes-only"),
                // --logs-only: just the log section (100,000 printed lines through the server to a WebSocket client on both
                // runtimes, against python3 into a pipe; a small model's first line), block "logs"
                flags.contains("--logs-only"),
                // --schedules-only: a scheduled job's first line after its fire time with 1,000 schedules defined, and
                // what they cost an idle process, block "schedules"
                flags.contains("--schedules-only"),
                // --first-click-only: a fresh server as a new user meets it, block "first-click"
                flags.contains("--first-click-only"),
                // --security-only: what signing in costs a request (security on against off), block "security"
                flags.contains("--security-only"),
                // --experiments-only: jobs run as an experiment against the same jobs as plain executes, block "experiments"
                flags.contains("--experiments-only"),
                // --stream-only: a job followed over its event stream (HttpClient, curl) against the WebSocket, block "stream"
                flags.contains("--stream-only"),
                flags.contains("--lean") ? "lean" : flags.contains("--fixed-imports") ? "fixed-imports" : "",
                // --two-compiler-threads: against the default (Truffle's choice, one on 2 cores)
                flags.contains("--two-compiler-threads"));
    }

    int compilerThreads() {
        return twoCompilerThreads ? 2 : SandboxBuilder.DEFAULT_COMPILER_THREADS;
    }

    /**
     * The first click also opens every full run, before this JVM builds a sandbox of its own (which would compete
     * with the server it measures).
     */
    boolean runsFirstClick() {
        return firstClickOnly || !(pulpOnly || cpythonOnly || dataOnly || nodesOnly || logsOnly || schedulesOnly
                || securityOnly || experimentsOnly || streamOnly);
    }

    /**
     * The run's block name, e.g. {@code quick}, {@code full-lean-pulp}, {@code cpython-interpreted}. A section-only
     * run is named after its section, whose sizes are its own whatever {@code --quick} says. Given several
     * {@code -only} options, the name is that of the last of cpython, data, nodes, logs (hence checked from logs down).
     */
    String mode(boolean optimizing) {
        String interpreted = optimizing ? "" : "-interpreted";
        String variant = (imports.isEmpty() ? "" : "-" + imports) + (twoCompilerThreads ? "-two-compiler-threads" : "");
        if (streamOnly) {
            return "stream" + interpreted;
        }
        if (experimentsOnly) {
            return "experiments" + interpreted;
        }
        if (securityOnly) {
            return "security" + interpreted;
        }
        if (schedulesOnly) {
            return "schedules" + interpreted;
        }
        if (logsOnly) {
            return "logs" + interpreted;
        }
        if (nodesOnly) {
            return "nodes" + interpreted;
        }
        if (dataOnly) {
            return "data" + variant + interpreted;
        }
        if (cpythonOnly) {
            return "cpython" + variant + interpreted;
        }
        return (quick ? "quick" : "full") + variant + interpreted + (pulpOnly ? "-pulp" : "");
    }

    /** The command as typed, for a section-only block (SANDBOX_JIT=off shown when set, as it changes every number). */
    String typedCommand() {
        return jitOff() + "./sandbox bench " + String.join(" ", flags);
    }

    /** The command a full or quick run's block shows: the options that shape its numbers, in a fixed order. */
    String fullRunCommand(String mode) {
        return jitOff() + "./sandbox bench" + (quick ? " --quick" : "") + (imports.isEmpty() ? "" : " --" + imports)
                + (twoCompilerThreads ? " --two-compiler-threads" : "") + (mode.endsWith("-pulp") ? " --pulp-only" : "");
    }

    private static String jitOff() {
        return "off".equals(System.getenv("SANDBOX_JIT")) ? "SANDBOX_JIT=off " : "";
    }
}
