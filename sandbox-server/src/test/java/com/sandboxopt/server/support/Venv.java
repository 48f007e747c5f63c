package com.sandboxopt.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh virtual environment of Debian's {@code /usr/bin/python3} (python3-venv) and the processes run in it, for
 * the tests of the Python client. The {@code python3} on PATH may be another build: never used here.
 */
public final class Venv {
    public static final String PYTHON = "/usr/bin/python3";

    private final Path home;

    private Venv(Path home) {
        this.home = home;
    }

    /** {@code python3 -m venv} in a new temporary folder (3-4 s); nothing installed in it yet. */
    public static Venv create() {
        try {
            Path home = Files.createTempDirectory("sandboxopt-venv");
            Result made = run(List.of(PYTHON, "-m", "venv", home.toString()), Map.of(), Duration.ofMinutes(2));
            if (made.code() != 0) {
                throw new IllegalStateException("python3 -m venv failed (is python3-venv installed?): " + made);
            }
            return new Venv(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the venv's folder. */
    public void delete() {
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path bin(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** One of the venv's programs (python, pip, sandboxopt) with these arguments and extra environment. */
    public Result run(String program, List<String> arguments, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(bin(program).toString());
        command.addAll(arguments);
        return run(command, env, Duration.ofMinutes(5));
    }

    /** What a process left: its exit code and its output, both read whole. */
    public record Result(int code, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("venv-out", ".txt");
            Path err = Files.createTempFile("venv-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("SANDBOXOPT_") || name.equals("NO_COLOR")
                    || name.startsWith("PYTHON"));
            environment.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            environment.putAll(new HashMap<>(env));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeout + ": " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
