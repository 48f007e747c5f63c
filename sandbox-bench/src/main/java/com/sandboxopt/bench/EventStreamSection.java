package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.RuntimeKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./sandbox bench --stream-only}: following one job over its event stream ({@code GET /jobs/{id}/events})
 * against the WebSocket client the page is: a model prints 100,000 lines on the cpython runtime while a reader of
 * the stream in this JVM (HttpClient, line by line), {@code curl -sN} (its output read through a pipe) or the
 * page-like WebSocket client follows it; then the first line of {@code print('hello')}. Times from submit; the
 * stream's readers open it right after submit, as a script does, so their first lines may come from storage.
 */
final class EventStreamSection {
    static final List<String> HEADER = List.of("section", "metric", "event stream, HttpClient", "event stream, curl",
            "WebSocket, page-like (baseline)", "stream (HttpClient) vs WebSocket", "target", "met");
    static final int LINES = 100_000;
    static final int ROUNDS = 5;
    static final int HELLO_RUNS = 15;
    private static final String LOUD = "for i in range(" + LINES + "):\n    print(f\"line {i}\")\n";
    private static final String HELLO = "print('hello')\n";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EventStreamSection() {
    }

    /** One reading: ms from submit to the first and the last line, lines in seq order, lines out of order. */
    private record Reading(double firstMs, double lastMs, long inOrder, long outOfOrder) {
    }

    private static final class Side {
        final List<Double> firstMs = new ArrayList<>();
        final List<Double> lastMs = new ArrayList<>();
        long lost;
        long outOfOrder;

        void add(Reading reading, long expected) {
            firstMs.add(reading.firstMs());
            lastMs.add(reading.lastMs());
            lost = Math.max(lost, expected - reading.inOrder());
            outOfOrder = Math.max(outOfOrder, reading.outOfOrder());
        }
    }

    static void run(Bench bench, Table table) {
        try (ServerLogRun server = new ServerLogRun(Map.of("micronaut.server.port", -1,
                "sandbox.data-dir", bench.workDirectory().resolve("stream-server").toString(),
                "sandbox.in-memory-database", true, "sandbox.pool-size", 1))) {
            String loud = server.upload("loud.py", LOUD, RuntimeKind.CPYTHON);
            String hello = server.upload("hello.py", HELLO, RuntimeKind.CPYTHON);
            System.err.println("stream: warm-up...");
            for (int i = 0; i < 3; i++) {
                stream(server, loud, LINES, false);
                stream(server, hello, 1, true);
                server.runModel(loud, LINES, 1);
            }
            Side[] lines = {new Side(), new Side(), new Side()};
            System.err.println("stream: " + ROUNDS + " rounds of " + LINES + " lines...");
            LogRateSection.takeTurns(List.of(
                    () -> lines[0].add(stream(server, loud, LINES, false), LINES),
                    () -> lines[1].add(stream(server, loud, LINES, true), LINES),
                    () -> lines[2].add(webSocket(server, loud, LINES), LINES)), ROUNDS);
            System.err.println("stream: first lines...");
            Side[] first = {new Side(), new Side(), new Side()};
            LogRateSection.takeTurns(List.of(
                    () -> first[0].add(stream(server, hello, 1, false), 1),
                    () -> first[1].add(stream(server, hello, 1, true), 1),
                    () -> first[2].add(webSocket(server, hello, 1), 1)), HELLO_RUNS);
            addRows(table, lines, first);
        }
    }

    private static Reading webSocket(ServerLogRun server, String modelId, long lines) {
        ServerLogRun.Result result = server.runModel(modelId, lines, 1);
        return new Reading(result.firstLineSeconds() * 1000, result.seconds() * 1000, result.leastDelivered(), 0);
    }

    /** Submits the model, then reads its event stream to the end with curl (a process) or HttpClient. */
    private static Reading stream(ServerLogRun server, String modelId, long lines, boolean curl) {
        long submitted = System.nanoTime();
        String jobId = server.sandbox().jobs().execute(ExecutionRequest.of(modelId)).jobId();
        String url = "http://127.0.0.1:" + server.port() + "/api/optimization/jobs/" + jobId + "/events";
        try {
            if (curl) {
                Process process = new ProcessBuilder("curl", "-sN", url).redirectErrorStream(true).start();
                Reading reading = read(process.getInputStream(), submitted);
                process.waitFor();
                return reading;
            }
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return read(response.body(), submitted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stream to its end (the job's end), noting when its first and its last line in order arrived. */
    private static Reading read(InputStream body, long submitted) throws IOException {
        long first = 0;
        long last = 0;
        long inOrder = 0;
        long outOfOrder = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("id: ")) {
                    continue;
                }
                long seq = Long.parseLong(line, 4, line.length(), 10);
                if (seq == inOrder + 1) {
                    inOrder = seq;
                    last = System.nanoTime();
                    first = first == 0 ? last : first;
                } else {
                    outOfOrder++;
                }
            }
        }
        return new Reading((first - submitted) / 1e6, (last - submitted) / 1e6, inOrder, outOfOrder);
    }

    private static void addRows(Table table, Side[] lines, Side[] first) {
        String section = "stream: " + Table.number(LINES, 0) + " lines of print(f\"line {i}\") on cpython, "
                + ROUNDS + " rounds";
        double stream = Stats.median(lines[0].lastMs);
        double socket = Stats.median(lines[2].lastMs);
        // the WebSocket sends up to 500 lines as one message; the stream sends each as an event of its own
        table.add(LogRateSection.row(section, "submit to last line at the client, median (s)", lines,
                s -> Table.number(Stats.median(s.lastMs) / 1000, 2), Table.number(stream / socket, 2) + "x the time",
                "", ""));
        table.add(LogRateSection.row(section, "lines/s (" + Table.number(LINES, 0) + " / median time)", lines,
                s -> Table.number(LINES / (Stats.median(s.lastMs) / 1000), 0), "",
                ">= 100,000/s: a whole job's lines (the default cap) within a second",
                Table.met(LINES / (stream / 1000) >= 100_000)));
        table.add(LogRateSection.row(section, "slowest run (s)", lines, s -> Table.number(Stats.percentile(s.lastMs, 100) / 1000, 2),
                "", "", ""));
        boolean intact = true;
        for (Side side : lines) {
            intact &= side.lost == 0 && side.outOfOrder == 0;
        }
        table.add(LogRateSection.row(section, "lines lost / out of order (worst run)", lines, s -> s.lost + " / " + s.outOfOrder,
                "", "0 / 0", Table.met(intact)));
        String latency = "first line: print('hello'), " + HELLO_RUNS + " runs";
        for (int p : new int[] {50, 90}) {
            double s = Stats.percentile(first[0].firstMs, p);
            double w = Stats.percentile(first[2].firstMs, p);
            table.add(LogRateSection.row(latency, "submit to first line at the client p" + p + " (ms)", first,
                    side -> Table.number(Stats.percentile(side.firstMs, p), 1),
                    (s >= w ? "+" : "") + Table.number(s - w, 1) + " ms", "", ""));
        }
    }

    static String facts() {
        return String.join("\n",
                "- server: the real one in this JVM (Micronaut, a real port), in-memory H2, pool 1, application.yml's"
                        + " limits (100,000 lines per job); the model on the cpython runtime",
                "- event stream: `GET /api/optimization/jobs/{id}/events` opened right after submit (`execute` through"
                        + " the library), read line by line to its end by java.net.http.HttpClient in this JVM, or by"
                        + " `curl -sN` whose output this JVM reads through a pipe; a line counts when its `id:` is the"
                        + " next seq",
                "- WebSocket: the page-like client of `--logs-only` (`?batch=true`, subscribed before submit)",
                "- order: 3 warm-up runs of each, then the three sides take turns (order rotated every round), "
                        + "300 ms idle before each run; measured " + Instant.now().toString().substring(0, 10));
    }
}
