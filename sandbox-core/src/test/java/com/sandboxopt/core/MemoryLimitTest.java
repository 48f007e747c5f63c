package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Growth in small pieces used to kill the whole JVM. This runs the bomb in a forked JVM with a
 * small heap, so a failure of the guard cannot take the test run down with it.
 */
class MemoryLimitTest {
    @Test
    void unboundedAllocationFailsWithAMemoryLimitWhileTheJvmAndOtherJobsGoOn() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), MemoryBombMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text);

        assertThat(ended).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("BOMB failed memory limit exceeded");
        assertThat(text).contains("STEADY success [steady done 19980000]");
        assertThat(text).contains("AFTER success");
    }
}
