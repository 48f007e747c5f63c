package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's log is downloaded as a stream: sent in chunks as it is read, not read whole into a String first
 * (which would give the answer a Content-Length). The test makes the log large by writing to its file.
 */
class LogDownloadStreamingTest {
    private final Api api = TestServers.open();

    @Test
    void aLargeLogIsStreamedInChunksWithItsHeadersAndReadsAsTheJobsLogFile() throws Exception {
        String jobId = api.execute(api.uploadModel("streamed_log.py",
                "for i in range(6000):\n    print(f'{i:06d} ' + 'x' * 1000)\n", "DMO"), "{}");
        Path log = Path.of(api.awaitEnded(jobId, Duration.ofSeconds(120)).get("logFilePath").asText());

        HttpResponse<InputStream> response = api.client().send(api.requestTo("/api/optimization/jobs/" + jobId
                + "/logs/download").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("not computed from a String").isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains(jobId + ".log"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        byte[] downloaded;
        try (InputStream body = response.body()) {
            downloaded = body.readAllBytes();
        }
        assertThat(downloaded.length).isGreaterThan(6_000_000);
        assertThat(downloaded).as("the stored lines, written as the log file is").isEqualTo(Files.readAllBytes(log));
    }

    @Test
    void theLogIsServedFromStorageSoANodeWithoutTheFileServesItToo() throws IOException {
        String jobId = api.execute(api.uploadModel("no_log_here.py", "print('x')\nprint('y')\n", "DMO"), "{}");
        Path log = Path.of(api.awaitEnded(jobId, Duration.ofSeconds(60)).get("logFilePath").asText());
        String file = Files.readString(log);
        Files.delete(log); // as on a node that did not run the job
        Api.Download download = api.download("/api/optimization/jobs/" + jobId + "/logs/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(new String(download.bytes(), StandardCharsets.UTF_8)).isEqualTo(file).endsWith("] INFO y\n");
    }

}
