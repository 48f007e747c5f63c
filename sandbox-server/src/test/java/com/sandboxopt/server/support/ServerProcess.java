package com.sandboxopt.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server as users run it: its own JVM (the test's classpath), its own port, settings as {@code --key=value}
 * arguments. {@link #kill()} is kill -9; {@link #close()} stops it the same way if it is still running.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::readOutput, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server on a free port with these settings and waits until /health answers (at most 3 minutes). */
    public static ServerProcess start(Map<String, String> settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), "com.sandboxopt.server.Application",
                "--micronaut.server.port=" + port, "--sandbox.limits.timeout=2m"));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            ServerProcess server = new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), port);
            server.awaitHealthy(Duration.ofMinutes(3));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(URI.create("http://127.0.0.1:" + port), null);
    }

    /** kill -9: no shutdown hook, no flush, as a crash or an OOM killer would end it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy(Duration atMost) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The server process ended at start:\n" + output);
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        kill();
        throw new AssertionError("The server did not answer /health within " + atMost + ":\n" + output);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
