package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunModelFromDiskTest {
    @TempDir
    Path dataDir;

    @Test
    void runsTheSampleDmoModelAndPrintsItsEvents() throws Exception {
        String out = captureOutput(() -> assertThat(RunModelFromDisk.run(new String[] {
                "../models/sample_dmo_model.py", "--config", "{\"hours\": 6}", "--data-dir", dataDir.toString()}))
                .isZero());

        assertThat(out).contains("started  DMO_", "INFO    Job ID: DMO_", "Configuration: {\"hours\": 6}",
                "DMO optimization completed successfully", "ended success");
        assertThat(Files.list(dataDir.resolve("logs/optimization"))).hasSize(1);
    }

    @Test
    void rejectsAMissingFileWithUsage() throws Exception {
        String err = captureError(() -> assertThat(RunModelFromDisk.run(new String[] {"nope.py"})).isEqualTo(2));

        assertThat(err).contains("No such file", "usage:");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String captureOutput(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String captureError(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
