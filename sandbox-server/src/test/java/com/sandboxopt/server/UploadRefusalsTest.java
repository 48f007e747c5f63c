package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refused model or data source upload answers: a file without statements, a syntax error with
 * the offending line, sizes that never print alike, and the 413 reaching clients that write the whole
 * body before they read (Python's urllib and requests, a plain socket), not only curl.
 */
class UploadRefusalsTest {
    private static final long MIB = 1024 * 1024;
    private static final String PYTHON = "/usr/bin/python3";

    /** Posts a multipart body of one file (and fields) with urllib, printing the status and the body. */
    private static final String URLLIB_CLIENT = String.join("\n",
            "import sys, urllib.request, urllib.error, uuid",
            "url, field, name, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])",
            "fields = dict(a.split('=', 1) for a in sys.argv[5:])",
            "b = uuid.uuid4().hex",
            "body = b''.join(f'--{b}\\r\\nContent-Disposition: form-data; name=\"{k}\"\\r\\n\\r\\n{v}\\r\\n'.encode()"
                    + " for k, v in fields.items())",
            "body += f'--{b}\\r\\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\\r\\n\\r\\n'.encode()",
            "body += b'x = 1\\n' + b'#' * (size - 6) + f'\\r\\n--{b}--\\r\\n'.encode()",
            "request = urllib.request.Request(url, data=body, headers={'Content-Type': 'multipart/form-data; boundary=' + b})",
            "try:",
            "    response = urllib.request.urlopen(request, timeout=60)",
            "    print(response.status); print(response.read().decode())",
            "except urllib.error.HTTPError as e:",
            "    print(e.code); print(e.read().decode())",
            "except Exception as e:",
            "    print('ERROR'); print(repr(e))");

    /** The same with requests (keep-alive, body streamed after the headers). */
    private static final String REQUESTS_CLIENT = String.join("\n",
            "import sys, requests",
            "url, field, name, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])",
            "fields = dict(a.split('=', 1) for a in sys.argv[5:])",
            "try:",
            "    r = requests.post(url, data=fields, files={field: (name, b'x = 1\\n' + b'#' * (size - 6))}, timeout=60)",
            "    print(r.status_code); print(r.text)",
            "except Exception as e:",
            "    print('ERROR'); print(repr(e))");

    private static Api api;
    private static EmbeddedServer small;
    private static Api smallApi;

    @BeforeAll
    static void servers() {
        api = TestServers.open();
        // 1 MiB models and data sources: request limits of 2 MiB each; a refused body is read up to 3 MiB
        small = TestServers.startOwn("small-uploads", Map.of("sandbox.max-upload-bytes", MIB,
                "sandbox.data-sources.max-bytes", MIB, "sandbox.upload-drain-bytes", 3 * MIB));
        smallApi = TestServers.api(small);
    }

    @AfterAll
    static void closeSmall() {
        if (small != null) {
            small.close();
        }
    }

    @Test
    void aFileWithoutStatementsIsRefusedWithWhatItHoldsAndNothingIsStored() {
        long before = modelCount();
        Api.Response comments = api.upload("empty.py", "# the model goes here\n\n# later\n".getBytes(StandardCharsets.UTF_8),
                "DMO", null);
        assertError(comments, 400, "INVALID_FILE_CONTENT",
                "empty.py has no Python statements (only comments or blank lines): upload the model's code");
        assertThat(comments.json().has("line")).isFalse();
        assertError(api.upload("blank.py", "\n  \n\t\n".getBytes(StandardCharsets.UTF_8), "SO", null), 400,
                "INVALID_FILE_CONTENT", "blank.py has no Python statements (only blank lines)");
        assertError(api.upload("doc.py", "\"\"\"Unit commitment, one day.\"\"\"\n".getBytes(StandardCharsets.UTF_8), "SO", null),
                400, "INVALID_FILE_CONTENT", "doc.py has no Python statements, only a docstring");
        assertThat(modelCount()).isEqualTo(before);
    }

    @Test
    void aSyntaxErrorCarriesLineColumnAndTheOffendingLine() {
        Api.Response syntax = api.upload("broken.py", "x = 1\n\ny = = 2\nprint(y)\n".getBytes(StandardCharsets.UTF_8), "DMO", null);
        assertError(syntax, 422, "SYNTAX_ERROR", "line 3");
        assertThat(syntax.json().get("line").asInt()).isEqualTo(3);
        assertThat(syntax.json().get("column").asInt()).isEqualTo(5);
        assertThat(syntax.json().get("text").asText()).isEqualTo("y = = 2");

        Api.Response tabs = api.upload("tabs.py", "def f():\r\n\treturn (1,\r\n".getBytes(StandardCharsets.UTF_8), "DMO", null);
        assertError(tabs, 422, "SYNTAX_ERROR", "line 2");
        assertThat(tabs.json().get("text").asText()).as("without its line break, tabs kept").isEqualTo("\treturn (1,");

        Api.Response empty = api.upload("empty.py", new byte[0], "DMO", null);
        assertThat(empty.json().has("text")).as(empty.text()).isFalse();
    }

    @Test
    void sizesJustOverTheLimitPrintInExactBytes() {
        byte[] oneByteOver = new byte[(int) (10 * MIB + 1)];
        Arrays.fill(oneByteOver, (byte) '#');
        assertError(api.upload("big.py", oneByteOver, "DMO", null), 413, "FILE_TOO_LARGE",
                "big.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB): make the model smaller");
    }

    @Test
    void pythonUrllibGetsThe413OfAModelUploadItSendsWhole() throws Exception {
        long before = modelCount();
        List<String> answer = python(URLLIB_CLIENT, api.base() + "/api/optimization/upload", "file", "big.py",
                String.valueOf(20 * MIB), "modelType=DMO");
        assertThat(answer.get(0)).as(String.join("\n", answer)).isEqualTo("413");
        JsonNode body = Api.JSON.readTree(answer.get(1));
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("code").asText()).isEqualTo("FILE_TOO_LARGE");
        assertThat(body.get("error").asText())
                .isEqualTo("The upload is 20.0 MiB; the limit is 10 MiB for a model (sandbox.max-upload-bytes): make the model smaller");
        assertThat(modelCount()).isEqualTo(before);
    }

    @Test
    void pythonRequestsGetsThe413OfAModelUploadToo() throws Exception {
        // Debian's python3-requests, which .ci/run installs
        assertThat(runPython(PYTHON, "import importlib.util; print(importlib.util.find_spec('requests') is not None)"))
                .as("requests for " + PYTHON + ": apt-get install python3-requests").first().isEqualTo("True");
        List<String> answer = runPython(PYTHON, REQUESTS_CLIENT, api.base() + "/api/optimization/upload", "file", "big.py",
                String.valueOf(30 * MIB), "modelType=DMO");
        assertThat(answer.get(0)).as(String.join("\n", answer)).isEqualTo("413");
        assertThat(Api.JSON.readTree(answer.get(1)).get("error").asText()).startsWith("The upload is 30.0 MiB; the limit is 10 MiB");
    }

    @Test
    void aSocketThatWritesTheWholeRequestFirstReadsThe413Json() throws Exception {
        for (String connection : new String[] {"close", "keep-alive"}) {
            Answer answer = sendWhole(api, "/api/optimization/upload", "file", "big.py", 15 * MIB, connection);
            assertThat(answer.status()).as(connection + ": " + answer.body()).isEqualTo(413);
            JsonNode body = Api.JSON.readTree(answer.body());
            assertThat(body.get("code").asText()).isEqualTo("FILE_TOO_LARGE");
            assertThat(body.get("error").asText()).startsWith("The upload is 15 MiB; the limit is 10 MiB for a model");
        }
    }

    @Test
    void aClientWaitingFor100ContinueIsAnsweredAtOnce() throws IOException {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/optimization/upload HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + 20 * MIB + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Answer answer = readAnswer(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("\"FILE_TOO_LARGE\"");
        }
    }

    @Test
    void dataSourceUploadsAreDrainedUpToTheBoundAndRefusedAtOnceBeyond() throws Exception {
        // over the data source cap but within the request limit: the library refuses while the body streams in
        List<String> capped = python(URLLIB_CLIENT, smallApi.base() + "/api/optimization/data-sources", "file", "prices.csv",
                String.valueOf(MIB + MIB / 2), "name=prices");
        assertThat(capped.get(0)).as(String.join("\n", capped)).isEqualTo("413");
        assertThat(Api.JSON.readTree(capped.get(1)).get("error").asText()).contains("larger than 1 MiB (at prices.csv)");

        // over the request limit (2 MiB), within the drain bound (3 MiB): read to its end, then refused
        List<String> drained = python(URLLIB_CLIENT, smallApi.base() + "/api/optimization/data-sources", "file", "prices.csv",
                String.valueOf(2 * MIB + MIB / 2), "name=prices");
        assertThat(drained.get(0)).as(String.join("\n", drained)).isEqualTo("413");
        JsonNode body = Api.JSON.readTree(drained.get(1));
        assertThat(body.get("code").asText()).isEqualTo("FILE_TOO_LARGE");
        assertThat(body.get("error").asText()).isEqualTo("The upload is 2.5 MiB; the limit is 1 MiB for a data source's files"
                + " together (sandbox.data-sources.max-bytes): upload less");
        Answer socket = sendWhole(smallApi, "/api/optimization/data-sources", "file", "prices.csv", 2 * MIB + MIB / 2, "close");
        assertThat(socket.status()).as(socket.body()).isEqualTo(413);

        // far beyond the bound: answered before the body is read, and the connection closes
        try (Socket far = new Socket(smallApi.base().getHost(), smallApi.base().getPort())) {
            far.setSoTimeout(10_000);
            far.getOutputStream().write(("POST /api/optimization/data-sources HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + 50 * MIB + "\r\n\r\n--xyz\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Answer answer = readAnswer(far.getInputStream());
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.headers().toLowerCase()).contains("connection: close");
            assertThat(answer.body()).contains("The upload is 50 MiB; the limit is 1 MiB");
        }
        assertThat(smallApi.get("/api/optimization/data-sources").json().get("dataSources")).isEmpty();

        // the model limit of that server, past its drain bound too
        Answer model = sendWhole(smallApi, "/api/optimization/upload", "file", "m.py", 2 * MIB + MIB / 2, "close");
        assertThat(model.status()).as(model.body()).isEqualTo(413);
        assertThat(Api.JSON.readTree(model.body()).get("error").asText()).startsWith("The upload is 2.5 MiB; the limit is 1 MiB");
    }

    @Test
    void otherRequestsKeepTheServersRequestLimit() throws IOException {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/optimization/execute HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + 200 * MIB + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            Answer answer = readAnswer(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("The request body is 200 MiB; the limit is 101 MiB");
        }
    }

    // ---- helpers

    private record Answer(int status, String headers, String body) {
    }

    /** Writes a whole multipart request of one file of about {@code size} bytes, then reads the answer. */
    private static Answer sendWhole(Api target, String path, String field, String fileName, long size, String connection)
            throws IOException {
        String boundary = "b0undary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"modelType\"\r\n\r\nDMO\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long fileBytes = size - head.length - tail.length;
        try (Socket socket = new Socket(target.base().getHost(), target.base().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: " + connection
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) '#');
            for (long left = fileBytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left)); // a reset here fails the test: the point of it
            }
            out.write(tail);
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** Status, headers and body (by Content-Length) of one HTTP/1.1 answer. */
    private static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] sofar = head.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        byte[] body = in.readNBytes(length);
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Runs {@code /usr/bin/python3 -c script args...} and returns its output lines. */
    private static List<String> python(String script, String... args) throws IOException, InterruptedException {
        return runPython(PYTHON, script, args);
    }

    private static List<String> runPython(String interpreter, String script, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("python-client", ".txt");
        try {
            List<String> command = new java.util.ArrayList<>(List.of(interpreter, "-c", script));
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

    private static void assertError(Api.Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.error()).contains(messagePart);
    }

    private static long modelCount() {
        long total = 0;
        for (JsonNode n : api.get("/api/optimization/models").json().get("counts")) {
            total += n.asLong();
        }
        return total;
    }
}
