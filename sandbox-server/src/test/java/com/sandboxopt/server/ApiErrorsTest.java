package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {
    private final Api api = TestServers.open();

    private static void assertError(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.error()).contains(messagePart);
    }

    @Test
    void executeRejectsMalformedRequestsWith400() {
        String modelId = api.uploadModel("bad_requests.py", "print('x')\n", "SO");
        assertError(api.postJson("/api/optimization/execute", "{not json"), 400, "not valid JSON");
        assertError(api.postJson("/api/optimization/execute", "[1, 2]"), 400, "JSON object");
        assertError(api.postJson("/api/optimization/execute", "{\"config\": {}}"), 400, "modelId is required");
        assertError(api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\", \"config\": [1]}"),
                400, "config must be a JSON object");
        assertError(api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\", \"config\": \"x\"}"),
                400, "config must be a JSON object");
        assertError(api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\", \"modelType\": \"DMO\"}"),
                400, "does not match the model's type SO");
        assertError(api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\", \"modelType\": \"XYZ\"}"),
                400, "Unknown modelType");
    }

    @Test
    void queryParametersAndUploadFieldsAreChecked() {
        assertError(api.get("/api/optimization/models?modelType=ABC"), 400, "Unknown modelType 'ABC'");
        assertError(api.get("/api/optimization/models?status=gone"), 400, "Unknown model status");
        assertError(api.get("/api/optimization/jobs?limit=lots"), 400, "limit must be a whole number");
        assertError(api.get("/api/optimization/jobs?status=done"), 400, "Unknown job status");
        assertError(api.upload("m.py", "print(1)\n".getBytes(), null, null), 400, "modelType is required");
        assertError(api.upload("m.py", "print(1)\n".getBytes(), "XYZ", null), 400, "Unknown modelType");
        assertError(api.upload(null, null, "DMO", null), 400, "file is required");
        assertError(api.upload("empty.py", new byte[0], "DMO", null), 400, "empty");
    }

    @Test
    void unknownModelsAndJobsAre404() {
        assertError(api.get("/api/optimization/models/nope"), 404, "nope");
        assertError(api.get("/api/optimization/models/nope/source"), 404, "nope");
        assertError(api.delete("/api/optimization/models/nope"), 404, "nope");
        assertError(api.postJson("/api/optimization/execute", "{\"modelId\": \"nope\"}"), 404, "nope");
        assertError(api.get("/api/optimization/jobs/DMO_1_abcdef"), 404, "DMO_1_abcdef");
        assertError(api.get("/api/optimization/jobs/DMO_1_abcdef/logs"), 404, "DMO_1_abcdef");
        assertError(api.get("/api/optimization/jobs/DMO_1_abcdef/logs/download"), 404, "DMO_1_abcdef");
        assertError(api.post("/api/optimization/jobs/DMO_1_abcdef/cancel"), 404, "DMO_1_abcdef");
        assertError(api.get("/api/optimization/no-such-endpoint"), 404, "Not Found");
    }

    @Test
    void logQueriesAreChecked() {
        String jobId = api.execute(api.uploadModel("levels.py", "print('x')\n", "DMO"), "{}");
        assertError(api.get("/api/optimization/jobs/" + jobId + "/logs?level=LOUD"), 400, "Unknown log level");
        assertError(api.get("/api/optimization/jobs/" + jobId + "/logs?afterSeq=-1"), 400, "afterSeq");
        assertError(api.get("/api/optimization/jobs/" + jobId + "/logs?limit=0"), 400, "limit");
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.job(jobId).get("status").asText().equals("success"));
        assertThat(api.get("/api/optimization/jobs/" + jobId + "/logs?level=INFO").json().get("lines"))
                .extracting(l -> l.get("message").asText()).containsExactly("x");
        assertThat(api.get("/api/optimization/jobs/" + jobId + "/logs?level=ERROR").json().get("lines")).isEmpty();
    }

    @Test
    void cancellingAFinishedJobIs409() {
        String jobId = api.execute(api.uploadModel("quick.py", "print('done')\n", "RMO"), "{}");
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.job(jobId).get("status").asText().equals("success"));
        assertError(api.post("/api/optimization/jobs/" + jobId + "/cancel"), 409, "already ended with status success");
    }

    @Test
    void uploadChecksAnswer415And422And413() {
        assertError(api.upload("notes.txt", "hello".getBytes(), "DMO", null), 415, "only .py files");

        Api.Response syntax = api.upload("broken.py", "x = 1\ndef f(:\n    pass\n".getBytes(), "DMO", null);
        assertError(syntax, 422, "line 2");
        assertThat(syntax.json().get("line").asInt()).isEqualTo(2);
        assertThat(syntax.json().get("column").asInt()).isPositive();

        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) '#');
        assertError(api.upload("large.py", tooLarge, "DMO", null), 413,
                "large.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB): make the model smaller");
    }

    @Test
    void aModelOfExactlyTenMebibytesIsAccepted() {
        byte[] content = new byte[10 * 1024 * 1024];
        Arrays.fill(content, (byte) '#');
        content[0] = 'x'; // a statement, then one long comment: a file of comments only is not a model
        content[1] = '=';
        content[2] = '1';
        content[3] = '\n';
        Api.Response response = api.upload("ten_mib.py", content, "SO", null);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().at("/model/size_bytes").asLong()).isEqualTo(content.length);
    }

    @Test
    void aHundredMebibyteBodyIsRefusedWith413BeforeItIsSent() throws Exception {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/optimization/upload HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + (100L * 1024 * 1024)
                    + "\r\n\r\n--xyz\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aModelThatRunsUntilCancelledEndsCancelled() {
        String jobId = api.execute(api.uploadModel("forever.py", Models.FOREVER, "SO"), "{}");
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.job(jobId).get("status").asText().equals("running"));
        Api.Response cancel = api.post("/api/optimization/jobs/" + jobId + "/cancel");
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.job(jobId).get("status").asText().equals("cancelled"));
        assertThat(api.job(jobId).get("error").asText()).isEqualTo("Cancelled by user");
    }
}
