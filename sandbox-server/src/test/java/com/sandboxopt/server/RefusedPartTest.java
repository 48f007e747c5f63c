package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data source upload refused for an early part is still read to its end: a client that writes the whole
 * body before it reads (Python's urllib) gets the 400, not a connection closed while it still sends the
 * 20 MiB file that follows the refused part.
 */
class RefusedPartTest {
    /** Posts {@code name}, a text field named {@code file}, then a file of {@code size} bytes; prints status and body. */
    private static final String URLLIB_CLIENT = String.join("\n",
            "import sys, urllib.request, urllib.error, uuid",
            "url, size = sys.argv[1], int(sys.argv[2])",
            "b = uuid.uuid4().hex",
            "part = lambda head: f'--{b}\\r\\nContent-Disposition: form-data; {head}\\r\\n\\r\\n'.encode()",
            "body = part('name=\"name\"') + b'prices\\r\\n' + part('name=\"file\"') + b'not a file\\r\\n'",
            "body += part('name=\"file\"; filename=\"prices.csv\"') + b'#' * size + f'\\r\\n--{b}--\\r\\n'.encode()",
            "request = urllib.request.Request(url, data=body, headers={'Content-Type': 'multipart/form-data; boundary=' + b})",
            "try:",
            "    response = urllib.request.urlopen(request, timeout=60)",
            "    print(response.status); print(response.read().decode())",
            "except urllib.error.HTTPError as e:",
            "    print(e.code); print(e.read().decode())",
            "except Exception as e:",
            "    print('ERROR'); print(repr(e))");

    @Test
    void theClientReadsThe400OfARefusedPartAfterSendingTheRest() throws Exception {
        Api api = TestServers.open();
        List<String> answer = python(api.base() + "/api/optimization/data-sources", String.valueOf(20 * 1024 * 1024));
        assertThat(answer.get(0)).as(String.join("\n", answer)).isEqualTo("400");
        assertThat(Api.JSON.readTree(answer.get(1)).get("error").asText())
                .isEqualTo("A 'file' field without a file name: send each file as a file part (curl -F file=@bids.csv)");
        assertThat(api.get("/api/optimization/data-sources?name=prices").json().get("dataSources")).isEmpty();
    }

    private static List<String> python(String... args) throws Exception {
        Path out = Files.createTempFile("python-client", ".txt");
        try {
            List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", URLLIB_CLIENT));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python did not end: " + Files.readString(out));
            }
            return Files.readAllLines(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
