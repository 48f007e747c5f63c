package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error answer, whoever makes it (framework, library, filters, controllers), has success, error and code. */
class ErrorBodiesTest {
    private final Api api = TestServers.open();

    private static JsonNode assertError(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).as(response.text()).isFalse();
        assertThat(body.get("error").asText()).as(response.text()).isNotBlank();
        assertThat(body.get("code").asText()).as(response.text()).isEqualTo(code);
        return body;
    }

    @Test
    void frameworkErrorsHaveACode() {
        assertError(api.get("/api/optimization/no-such-endpoint"), 404, "NOT_FOUND");
        assertError(api.delete("/api/optimization/status"), 405, "METHOD_NOT_ALLOWED");
        assertError(api.sendBuilt(api.requestTo("/api/optimization/execute").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b"))), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void libraryErrorsHaveTheirCodeAndExtrasOnlyWhenSet() {
        JsonNode notFound = assertError(api.get("/api/optimization/models/nope"), 404, "MODEL_NOT_FOUND");
        assertThat(notFound.has("line")).isFalse();
        assertThat(notFound.has("jobId")).isFalse();
        JsonNode syntax = assertError(api.upload("broken_body.py", "x = 1\ny = = 2\n".getBytes(StandardCharsets.UTF_8),
                "DMO", null), 422, "SYNTAX_ERROR");
        assertThat(syntax.get("line").asInt()).isEqualTo(2);
        assertThat(syntax.get("column").asInt()).isPositive();
        assertThat(syntax.get("text").asText()).isEqualTo("y = = 2");
        assertThat(syntax.has("jobId")).isFalse();
    }

    @Test
    void theReusedKeyConflictNamesTheFirstJob() {
        String modelId = api.uploadModel("error_bodies_idem.py", "print('x')\n", "SO");
        String key = "errors-" + UUID.randomUUID();
        Api.Response first = execute(key, "{\"modelId\": \"" + modelId + "\"}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        JsonNode conflict = assertError(execute(key, "{\"modelId\": \"" + modelId + "\", \"config\": {\"a\": 1}}"),
                409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(conflict.get("jobId").asText()).isEqualTo(first.json().get("jobId").asText());
        assertThat(conflict.has("line")).isFalse();
    }

    @Test
    void theTokenCheckHasACode() {
        assertError(TestServers.strict(false).get("/api/optimization/status"), 401, "UNAUTHORIZED");
    }

    @Test
    void aBodyOverTheRequestLimitIs413WithItsCode() throws IOException {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/optimization/execute HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (1L << 30) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            JsonNode body = Api.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("code").asText()).isEqualTo("FILE_TOO_LARGE");
            assertThat(body.get("error").asText()).contains("The request body is");
        }
    }

    /** The status line, headers and body of an answer with a Content-Length, read from a raw socket. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String header : head.toString().split("\r\n")) {
            if (header.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private Api.Response execute(String key, String body) {
        return api.sendBuilt(api.requestTo("/api/optimization/execute").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
