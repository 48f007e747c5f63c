package com.sandboxopt.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A real HTTP client (java.net.http) for the server's REST API, with fixtures for models and jobs. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String token;
    /** A page session: its cookie value and CSRF token, sent on every request; null for none. */
    private final String sessionCookie;
    private final String csrfToken;

    Api(URI base, String token) {
        this(base, token, null, null);
    }

    private Api(URI base, String token, String sessionCookie, String csrfToken) {
        this.base = base;
        this.token = token;
        this.sessionCookie = sessionCookie;
        this.csrfToken = csrfToken;
    }

    /** The same server with {@code Authorization: Bearer <token>} (a personal API token or the api-token). */
    public Api withToken(String newToken) {
        return new Api(base, newToken, null, null);
    }

    /** The same server as a browser with the page session's cookie, sending the CSRF token unless it is null. */
    public Api withSession(String cookie, String csrf) {
        return new Api(base, null, cookie, csrf);
    }

    public Response patchJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public URI base() {
        return base;
    }

    public String token() {
        return token;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST /api/optimization/upload as multipart/form-data; a null modelType leaves the field out. */
    public Response upload(String fileName, byte[] content, String modelType, String description) {
        return upload(fileName, content, modelType, description, null);
    }

    /** As {@link #upload(String, byte[], String, String)} with a {@code runtime} field unless it is null. */
    public Response upload(String fileName, byte[] content, String modelType, String description, String runtime) {
        String boundary = "----sandbox" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (fileName != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: text/x-python", content);
        }
        if (modelType != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"modelType\"", modelType.getBytes(StandardCharsets.UTF_8));
        }
        if (description != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"description\"", description.getBytes(StandardCharsets.UTF_8));
        }
        if (runtime != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"runtime\"", runtime.getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/api/optimization/upload").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** One part of a multipart body: a file (with a file name) or a text field (fileName null). */
    public record Part(String field, String fileName, byte[] content) {
        public static Part file(String fileName, String content) {
            return file(fileName, content.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String fileName, byte[] content) {
            return new Part("file", fileName, content);
        }

        public static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** POST of a multipart/form-data body made of the parts in the order given. */
    public Response multipart(String path, List<Part> parts) {
        String boundary = "----sandbox" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            String headers = "Content-Disposition: form-data; name=\"" + p.field() + "\""
                    + (p.fileName() == null ? "" : "; filename=\"" + p.fileName() + "\"\r\nContent-Type: application/octet-stream");
            part(body, boundary, headers, p.content());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** POST /api/optimization/data-sources with name, description (unless null) and the files, in that order. */
    public Response uploadDataSource(String name, String description, Part... files) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.field("name", name));
        if (description != null) {
            parts.add(Part.field("description", description));
        }
        parts.addAll(List.of(files));
        return multipart("/api/optimization/data-sources", parts);
    }

    /** Uploads a data source that must be accepted and returns its JSON. */
    public JsonNode dataSource(String name, Part... files) {
        Response response = uploadDataSource(name, null, files);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("dataSource");
    }

    /** GET whose body is kept as bytes. */
    public Download download(String path) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the path with the token header, for the caller to finish (e.g. with a streamed body). */
    public HttpRequest.Builder requestTo(String path) {
        return request(path);
    }

    /** Sends a request of {@link #requestTo} and reads the answer as text. */
    public Response sendBuilt(HttpRequest.Builder request) {
        return send(request);
    }

    /**
     * {@code POST /api/optimization/execute} with the body as sent and, unless null, an {@code Idempotency-Key}: the
     * raw answer, headers included.
     */
    public HttpResponse<String> executeWithKey(String key, String body) {
        HttpRequest.Builder request = requestTo("/api/optimization/execute").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw answer's body as JSON; a body that is not JSON fails the test, showing it. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    public HttpClient client() {
        return CLIENT;
    }

    /** Status, body bytes and headers of a download. */
    public record Download(int status, byte[] bytes, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Uploads a model that must be accepted and returns its id. */
    public String uploadModel(String fileName, String source, String modelType) {
        Response response = upload(fileName, source.getBytes(StandardCharsets.UTF_8), modelType, "test");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().at("/model/id").asText();
    }

    /** Executes a model that must be accepted and returns the job id. */
    public String execute(String modelId, String configJson) {
        Response response = postJson("/api/optimization/execute",
                "{\"modelId\": \"" + modelId + "\", \"config\": " + configJson + "}");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("jobId").asText();
    }

    /** Waits until the job has ended and returns it. */
    public JsonNode awaitEnded(String jobId, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            JsonNode job = job(jobId);
            String status = job.get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Job " + jobId + " still " + status + " after " + atMost);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The messages of the job's stored log lines, in order. */
    public List<String> logMessages(String jobId) {
        Response response = get("/api/optimization/jobs/" + jobId + "/logs");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> messages = new ArrayList<>();
        response.json().get("lines").forEach(line -> messages.add(line.get("message").asText()));
        return messages;
    }

    public JsonNode job(String jobId) {
        Response response = get("/api/optimization/jobs/" + jobId);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("job");
    }

    public static String sampleDmoModel() {
        try {
            return Files.readString(Path.of("../models/sample_dmo_model.py"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (sessionCookie != null) {
            builder.header("Cookie", "SANDBOX_SESSION=" + sessionCookie);
        }
        if (csrfToken != null) {
            builder.header("X-CSRF-Token", csrfToken);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Status, body text and the headers tests look at. */
    public record Response(int status, String text, String contentType, String contentDisposition) {
        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + text, e);
            }
        }

        public String error() {
            return json().path("error").asText();
        }
    }
}
