package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's log is downloaded as a stream: sent in chunks as it is read, not read whole into a String first
 * (which would give the answer a Content-Length). The test makes the log large by writing to its file.
 */
class LogDownloadStreamingTest {
    private final Api api = TestServers.open();

    @Test
    void aLargeLogIsStreamedInChunksWithItsHeaders() throws Exception {
        String jobId = api.execute(api.uploadModel("streamed_log.py", "print('first line')\n", "DMO"), "{}");
        Path log = Path.of(api.awaitEnded(jobId, Duration.ofSeconds(60)).get("logFilePath").asText());
        byte[] line = "x".repeat(1023).concat("\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
            for (int i = 0; i < 20 * 1024; i++) { // 20 MiB
                out.write(line);
            }
        }
        long size = Files.size(log);

        HttpResponse<InputStream> response = api.client().send(api.requestTo("/api/optimization/jobs/" + jobId
                + "/logs/download").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("not computed from a String").isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains(jobId + ".log"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        try (InputStream body = response.body()) {
            assertThat(drain(body)).isEqualTo(size);
        }
    }

    @Test
    void theLogOfAJobWithoutAFileIsEmpty() throws IOException {
        String jobId = api.execute(api.uploadModel("no_log_yet.py", "print('x')\n", "DMO"), "{}");
        Path log = Path.of(api.awaitEnded(jobId, Duration.ofSeconds(60)).get("logFilePath").asText());
        Files.delete(log); // as while it is still queued: no file yet
        Api.Download download = api.download("/api/optimization/jobs/" + jobId + "/logs/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEmpty();
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }
}
