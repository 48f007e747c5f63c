package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's whole log path: a model prints N lines, they are stored in H2 and sent to K
 * WebSocket clients on a real port, which behave like the web page (connect with {@code ?batch=true},
 * follow every job, and after {@code optimization:lagged} ask for the missed lines by seq). Times submit until every client
 * holds every line in order.
 */
final class ServerLogRun implements AutoCloseable {
    private final EmbeddedServer server;
    private final Sandbox sandbox;

    /**
     * Seconds from submit until the job ended, until the last client had every line and until the first client had
     * the first line; lines stored; fewest lines any client got in order.
     */
    record Result(double jobSeconds, double seconds, double firstLineSeconds, long stored, long leastDelivered,
                  long repeated) {
    }

    ServerLogRun(Path dataDirectory, long maxLines, int compilerThreads) {
        this(Map.of(
                "micronaut.server.port", -1,
                "sandbox.data-dir", dataDirectory.toString(),
                "sandbox.in-memory-database", true,
                "sandbox.pool-size", 1,
                "sandbox.compiler-threads", compilerThreads,
                "sandbox.limits.max-output-lines", maxLines,
                "sandbox.limits.max-output-bytes", 1L << 30));
    }

    /** A server with these settings on top of application.yml's (e.g. its default limits). */
    ServerLogRun(Map<String, Object> settings) {
        this.server = ApplicationContext.run(EmbeddedServer.class, settings);
        this.sandbox = server.getApplicationContext().getBean(Sandbox.class);
    }

    Result run(String source, long lines, int clients) {
        return runModel(upload("loud.py", source, null), lines, clients);
    }

    /** Uploads a model to run on the given runtime (null: the sandbox chooses); returns its id. */
    String upload(String fileName, String source, RuntimeKind runtime) {
        return sandbox.models().upload(ModelUpload.of(fileName, source.getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(runtime)).id();
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** Where the server listens, on 127.0.0.1. */
    int port() {
        return server.getPort();
    }

    /** Runs an uploaded model that prints {@code lines} lines while {@code clients} WebSocket clients follow it. */
    Result runModel(String modelId, long lines, int clients) {
        List<Client> connected = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connected.add(new Client(URI.create("ws://127.0.0.1:" + server.getPort() + "/ws/optimization?batch=true"), lines));
            }
            long submitted = System.nanoTime();
            Job job = sandbox.jobs().execute(ExecutionRequest.of(modelId)).await(Duration.ofMinutes(30));
            if (job.status() != JobStatus.SUCCESS) {
                throw new IllegalStateException("benchmark job " + job.id() + " failed: " + job.error());
            }
            long jobDone = System.nanoTime();
            long lastClient = submitted;
            for (Client client : connected) {
                // A client that never got every line makes the rate 0 (shown as such), not infinite.
                long done = client.allLines.completeOnTimeout(Long.MAX_VALUE, 2, TimeUnit.MINUTES).join();
                lastClient = Math.max(lastClient, done);
            }
            long stored = OurRunner.storedLines(sandbox, job.id());
            long least = connected.stream().mapToLong(c -> c.inOrder).min().orElse(0);
            double seconds = lastClient == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (lastClient - submitted) / 1e9;
            long first = connected.stream().mapToLong(c -> c.firstLine).filter(t -> t != 0).min().orElse(0);
            double firstLine = first == 0 ? Double.NaN : (first - submitted) / 1e9;
            long repeated = connected.stream().mapToLong(c -> c.repeated).sum();
            return new Result((jobDone - submitted) / 1e9, seconds, firstLine, stored, least, repeated);
        } finally {
            connected.forEach(Client::close);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /**
     * A WebSocket client that follows everything and counts the lines it got in seq order. Like the
     * page, it asks for missed lines by seq after {@code optimization:lagged} or a gap.
     */
    private static final class Client {
        private static final String EVENT = "{\"event\":\"";
        private static final String BATCH = EVENT + "optimization:batch\"";
        final CompletableFuture<Long> allLines = new CompletableFuture<>();
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final long expected;
        private final WebSocketConnection socket;
        volatile long inOrder;
        volatile long firstLine; // nanoTime when seq 1 arrived, 0 before
        volatile long repeated; // lines that came again after the client had them in order
        private String jobId;
        private long replayAsked = -1;

        Client(URI uri, long expected) {
            this.expected = expected;
            this.socket = new WebSocketConnection(uri, this::handle);
            socket.send("{\"action\": \"subscribe\"}");
            subscribed.orTimeout(30, TimeUnit.SECONDS).join();
        }

        // A cheap look at the fields instead of a JSON parser: 2,000,000 events share 2 cores with the server.
        private void handle(String message) {
            if (message.startsWith(BATCH)) {
                // Inside JSON strings quotes are escaped, so {"event":" only ever starts one of the events.
                int start = message.indexOf(EVENT, BATCH.length());
                while (start >= 0) {
                    int next = message.indexOf(EVENT, start + EVENT.length());
                    handle(message.substring(start, next < 0 ? message.length() : next));
                    start = next;
                }
            } else if (message.contains("\"optimization:log\"")) {
                jobId = field(message, "jobId");
                long seq = Long.parseLong(field(message, "seq"));
                if (seq == 1 && firstLine == 0) {
                    firstLine = System.nanoTime();
                }
                if (seq == inOrder + 1) {
                    inOrder = seq;
                    if (seq == expected) {
                        allLines.complete(System.nanoTime());
                    }
                } else if (seq > inOrder + 1) {
                    askForMissedLines();
                } else {
                    repeated++;
                }
            } else if (message.contains("\"optimization:lagged\"") && jobId != null) {
                askForMissedLines();
            } else if (message.contains("\"subscribed\"")) {
                subscribed.complete(null);
            }
        }

        private void askForMissedLines() {
            if (replayAsked != inOrder) { // once per position: the replay is on its way
                replayAsked = inOrder;
                socket.send("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": " + inOrder + "}");
            }
        }

        private static String field(String json, String name) {
            int key = json.indexOf("\"" + name + "\"");
            int start = json.indexOf(':', key) + 1;
            while (json.charAt(start) == ' ' || json.charAt(start) == '"') {
                start++;
            }
            int end = start;
            while (end < json.length() && ",}\"".indexOf(json.charAt(end)) < 0) {
                end++;
            }
            return json.substring(start, end);
        }

        void close() {
            socket.close();
        }
    }
}
