package com.sandboxopt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code /usr/bin/python3} with Debian's PuLP and CBC's own program: how a PuLP model's
 * author runs it. One subprocess per run, in a folder of its own (models write output/), every
 * line of its output kept (CBC's log included, which tells CBC's own time).
 */
final class DebianPython {
    static final Path EXECUTABLE = Path.of("/usr/bin/python3");

    /** A finished run: every line, and milliseconds from start to exit. */
    record Output(List<String> lines, double doneMs, int status) {
        String lastLine() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static boolean available() {
        return Files.isExecutable(EXECUTABLE) && Files.isRegularFile(Path.of("/usr/lib/python3/dist-packages/pulp/__init__.py"))
                && Files.isExecutable(Path.of("/usr/bin/cbc"));
    }

    Output run(Path script, String configJson, Path folder) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(folder);
            Process process = new ProcessBuilder(EXECUTABLE.toString(), script.toString(), configJson)
                    .directory(folder.toFile()).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }
            int status = process.waitFor();
            return new Output(lines, OurRunner.millis(System.nanoTime() - started), status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
