package com.sandboxopt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@code python3 <script> [args]} as a subprocess per job, reading its merged stdout and
 * stderr line by line: time to the first line and to exit.
 */
final class CPythonRunner implements AutoCloseable {
    private static final String IN_PROCESS_PREFIX = "inproc_ms ";
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<String> launcher;

    /** Runs {@link #EXECUTABLE}, the interpreter {@code python3} on the PATH resolves to. */
    CPythonRunner() {
        this(List.of(EXECUTABLE));
    }

    /**
     * Runs the interpreter this command line starts, e.g. {@code [/usr/bin/python3]} or
     * {@code [setsid, -w, /usr/bin/python3]}; the script and its arguments follow it.
     */
    CPythonRunner(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    /**
     * The interpreter itself, not what {@code python3} on the PATH is: a version manager's shim
     * there (pyenv's is a bash script) added ~170 ms to every CPython job measured here.
     */
    static final String EXECUTABLE = resolveExecutable();

    private static String resolveExecutable() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && !path.isEmpty() ? path : "python3";
        } catch (IOException e) {
            return "python3";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3";
        }
    }

    static String version() {
        return version(EXECUTABLE);
    }

    /** e.g. {@code Python 3.11.2 (/usr/bin/python3)}. */
    static String version(String executable) {
        try {
            Process process = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return version + " (" + executable + ")";
        } catch (IOException e) {
            return executable + " not found";
        }
    }

    Run run(Path script, String... args) {
        List<String> command = new ArrayList<>(launcher);
        command.add(script.toString());
        command.addAll(List.of(args));
        return runArgs(command);
    }

    CompletableFuture<Run> start(Path script, String... args) {
        return CompletableFuture.supplyAsync(() -> run(script, args), pool);
    }

    private Run runArgs(List<String> command) {
        long started = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            long firstLine = 0;
            long lines = 0;
            double inProcessMs = Double.NaN;
            String lastLine = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (lines++ == 0) {
                        firstLine = System.nanoTime();
                    }
                    if (line.startsWith(IN_PROCESS_PREFIX)) {
                        inProcessMs = Double.parseDouble(line.substring(IN_PROCESS_PREFIX.length()));
                    }
                    lastLine = line;
                }
            }
            int status = process.waitFor();
            long done = System.nanoTime();
            return new Run(null, lines == 0 ? Double.NaN : OurRunner.millis(firstLine - started), OurRunner.millis(done - started),
                    lines, status == 0, status == 0 ? null : "exit " + status + ": " + lastLine, inProcessMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
