package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 100 MiB data source goes up and comes back down without the server holding it in its heap:
 * {@link StreamingUploadProbe} runs the server and the client in a JVM of its own with a heap of
 * 2 GiB (ample room for an in-memory copy to show), measuring the reachable heap after full GCs
 * at 25/50/75/95% of the file sent and read back.
 */
class DataSourceStreamingTest {
    /** Well under the 100 MiB a copy of the body would take, well over what buffers and noise take. */
    private static final double LIMIT_MIB = 64;

    @Test
    void aHundredMebibyteUploadAndItsDownloadAreStreamedNotHeldInTheHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx2g", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), StreamingUploadProbe.class.getName()))
                .redirectErrorStream(true).start();
        Map<String, String> results = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    String[] pair = line.substring(7).split("=", 2);
                    results.put(pair[0], pair[1]);
                    System.out.println("[streaming probe] " + line.substring(7));
                }
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output.toString()).isZero();

        assertThat(results.get("storedBytes")).isEqualTo(String.valueOf(StreamingUploadProbe.SIZE));
        assertThat(results.get("storedShaMatches")).isEqualTo("true");
        assertThat(results.get("downloadShaMatches")).isEqualTo("true");
        assertThat(results.get("uploadFilesLeft")).as("temporary part files are removed").isEqualTo("0");
        assertThat(values(results.get("uploadHeapAboveBaselineMiB"))).hasSize(4).allSatisfy(mib ->
                assertThat(mib).as("reachable heap above baseline during the upload, MiB: " + results).isLessThan(LIMIT_MIB));
        assertThat(values(results.get("downloadHeapAboveBaselineMiB"))).hasSize(4).allSatisfy(mib ->
                assertThat(mib).as("reachable heap above baseline during the download, MiB: " + results).isLessThan(LIMIT_MIB));
        assertThat(Double.parseDouble(results.get("afterUploadAboveBaselineMiB"))).isLessThan(LIMIT_MIB);
        assertThat(Double.parseDouble(results.get("directAboveBaselineMiB"))).as("direct buffers").isLessThan(LIMIT_MIB);
    }

    private static List<Double> values(String joined) {
        return Arrays.stream(joined.split(",")).map(Double::parseDouble).toList();
    }
}
