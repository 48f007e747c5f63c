package com.sandboxopt.bench;

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
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fresh server as a new user meets it: {@code ./sandbox serve} on a new data directory, started as a process
 * of its own, and what the user waits for, timed from this JVM (which does nothing else meanwhile): until the
 * API answers, the first upload, a model's first and second run (execute until the job list says it ended).
 */
final class FirstClick implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process server;
    private final String base;
    final long startedNanos;

    private FirstClick(Process server, int port, long startedNanos) {
        this.server = server;
        this.base = "http://127.0.0.1:" + port + "/api/optimization";
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code ./sandbox serve} (already built) on its own port and data directory, with more settings
     * ({@code --sandbox.runtime=graalpy}); its output goes to a file.
     */
    static FirstClick start(Path dataDirectory, int port, List<String> settings) {
        try {
            Files.createDirectories(dataDirectory);
            List<String> command = new java.util.ArrayList<>(List.of("./sandbox", "serve", "--port", Integer.toString(port),
                    "--data-dir", dataDirectory.toString()));
            command.addAll(settings);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(dataDirectory.resolve("serve.log").toFile());
            long started = System.nanoTime();
            return new FirstClick(builder.start(), port, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds from the start until {@code GET /models} answered 200. */
    double awaitAnswer() {
        long deadline = startedNanos + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server ended with status " + server.exitValue() + "; see its serve.log");
            }
            try {
                if (get("/models").statusCode() == 200) {
                    return seconds(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Machine.sleep(20);
        }
        throw new IllegalStateException("The server did not answer within 5 minutes");
    }

    /** Uploads a file as the page does; returns the model id. */
    String upload(Path file, String type) throws IOException {
        String boundary = "----bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"modelType\"\r\n\r\n" + type + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/x-python\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(file), tail))).build();
        return match(ID, send(request, 200), "model id");
    }

    /** Seconds from execute until the job's status is no longer queued or running; the job must succeed. */
    double runToEnd(String modelId) throws IOException {
        long started = System.nanoTime();
        HttpRequest execute = HttpRequest.newBuilder(URI.create(base + "/execute")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"modelId\": \"" + modelId + "\"}")).build();
        String jobId = match(JOB_ID, send(execute, 200), "job id");
        long deadline = started + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String job = get("/jobs/" + jobId).body();
            String status = match(STATUS, job, "status");
            if (!status.equals("queued") && !status.equals("running")) {
                if (!status.equals("success")) {
                    throw new IllegalStateException("Job " + jobId + " ended " + status + ": " + job);
                }
                return seconds(System.nanoTime() - started);
            }
            Machine.sleep(5);
        }
        throw new IllegalStateException("Job " + jobId + " did not end within " + RUN_TIMEOUT);
    }

    /** CPU seconds the server process and every process it started (alive or reaped) used so far. */
    double cpuSeconds() {
        return ProcessCpu.treeSeconds(server.toHandle());
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String send(HttpRequest request, int expected) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String match(Pattern pattern, String text, String what) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("No " + what + " in " + text);
        }
        return m.group(1);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        server.toHandle().descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        try {
            server.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
