package com.sandboxopt.server.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) that collects every message the server sends. */
public final class WsClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private volatile boolean closedByServer;
    private final AtomicInteger batches = new AtomicInteger();

    private WsClient(URI uri) {
        this(uri, null);
    }

    private WsClient(URI uri, String cookie) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        this.socket = builder.buildAsync(uri, new Collector()).join();
    }

    /** Connects as a browser would with a page session: its cookie on the handshake. */
    public static WsClient connectWithCookie(Api api, String cookie) {
        return new WsClient(URI.create("ws://" + api.base().getHost() + ":" + api.base().getPort() + "/ws/optimization"),
                cookie);
    }

    /** Connects to /ws/optimization of the given server, with {@code ?token=} when the Api has one. */
    public static WsClient connect(Api api) {
        String uri = "ws://" + api.base().getHost() + ":" + api.base().getPort() + "/ws/optimization"
                + (api.token() != null ? "?token=" + api.token() : "");
        return new WsClient(URI.create(uri));
    }

    /**
     * Connects with {@code ?batch=true}: the server may send several events as one
     * {@code optimization:batch} message; this client unpacks them into its inbox in order.
     */
    public static WsClient connectBatched(Api api) {
        String uri = "ws://" + api.base().getHost() + ":" + api.base().getPort() + "/ws/optimization?batch=true"
                + (api.token() != null ? "&token=" + api.token() : "");
        return new WsClient(URI.create(uri));
    }

    /** How many {@code optimization:batch} messages arrived. */
    public int batchesReceived() {
        return batches.get();
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri);
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** Sends a subscribe or unsubscribe message and waits for its acknowledgement. */
    public JsonNode subscribe(String json) {
        send(json);
        return next(m -> m.path("event").asText().endsWith("subscribed") || m.path("event").asText().equals("error"));
    }

    /** The next message matching {@code wanted}; earlier messages that do not match are skipped. */
    public JsonNode next(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonNode message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("No matching WebSocket message within " + WAIT);
                }
                if (wanted.test(message)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message up to and including the first matching {@code last}. */
    public List<JsonNode> until(Predicate<JsonNode> last) {
        List<JsonNode> messages = new ArrayList<>();
        next(m -> {
            messages.add(m);
            return last.test(m);
        });
        return messages;
    }

    public static Predicate<JsonNode> event(String event, String jobId) {
        return m -> m.path("event").asText().equals(event) && m.at("/data/jobId").asText().equals(jobId);
    }

    /** The job's completed or failed event. */
    public static Predicate<JsonNode> ended(String jobId) {
        return event("optimization:completed", jobId).or(event("optimization:failed", jobId));
    }

    public boolean isOpen() {
        return !closedByServer && !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = Api.JSON.readTree(partial.toString());
                    if (message.path("event").asText().equals("optimization:batch")) {
                        batches.incrementAndGet();
                        message.at("/data/events").forEach(inbox::add);
                    } else {
                        inbox.add(message);
                    }
                } catch (IOException e) {
                    throw new AssertionError("Server sent non-JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer = true;
            return null;
        }
    }
}
