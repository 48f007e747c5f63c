package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /jobs/{jobId}/events} read by real clients: curl, and a script of Python's standard library
 * ({@code sse/sse_reader.py}, which prints "event id" per event and END when the server ended the stream).
 */
class JobEventsOverSseTest {
    private static final String PYTHON = "/usr/bin/python3";
    private final Api api = TestServers.open();

    @Test
    void curlShowsAJobLiveAndTheStreamEndsWithTheJob() throws Exception {
        String modelId = api.uploadModel("count.py", """
                import time
                for i in range(1, 5001):
                    print("line", i)
                    if i % 1000 == 0:
                        time.sleep(0.2)
                raise SystemExit("stopped on purpose")
                """, "DMO");
        String jobId = api.execute(modelId, "{}");
        List<String> stream = run(List.of("curl", "-sN", api.base() + "/api/optimization/jobs/" + jobId + "/events"));

        assertThat(stream.subList(0, 2)).containsExactly(": job " + jobId + " after line 0", "retry: 2000");
        assertThat(stream.stream().filter(l -> l.startsWith("event: ")).findFirst()).hasValue("event: optimization:started");
        List<Long> ids = stream.stream().filter(l -> l.startsWith("id: ")).map(l -> Long.parseLong(l.substring(4))).toList();
        assertThat(ids).as("every line once, in order, and the error's lines after them").hasSizeGreaterThan(5000)
                .isEqualTo(LongStream.rangeClosed(1, ids.size()).boxed().toList());
        String firstLine = stream.get(stream.indexOf("id: 1") + 2);
        JsonNode data = Api.JSON.readTree(firstLine.substring("data: ".length()));
        assertThat(stream.get(stream.indexOf("id: 1") + 1)).isEqualTo("event: optimization:log");
        assertThat(data.get("jobId").asText()).isEqualTo(jobId);
        assertThat(data.get("seq").asLong()).isEqualTo(1);
        assertThat(data.get("message").asText()).isEqualTo("line 1");
        assertThat(data.has("level") && data.has("timestamp") && data.has("modelType")).isTrue();
        List<String> events = stream.stream().filter(l -> l.startsWith("event: ")).toList();
        assertThat(events.get(events.size() - 1)).as("a failed job ends the stream too").isEqualTo("event: optimization:failed");
        String end = stream.stream().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).orElseThrow();
        assertThat(Api.JSON.readTree(end.substring("data: ".length())).get("status").asText()).isEqualTo("failed");
    }

    @Test
    void aScriptThatLosesItsConnectionResumesWithNoLineLostOrRepeated() throws Exception {
        String modelId = api.uploadModel("many.py", """
                import time
                for i in range(1, 50001):
                    print("line", i)
                    if i % 2500 == 0:
                        time.sleep(0.1)
                """, "RMO");
        String jobId = api.execute(modelId, "{}");
        List<String> read = run(List.of(PYTHON, script(), api.base() + "/api/optimization/jobs/" + jobId + "/events",
                "--stop-after", "20000"));

        assertThat(read).containsOnlyOnce("RECONNECT");
        assertThat(read.get(read.size() - 1)).isEqualTo("END");
        assertThat(read.get(read.size() - 2)).isEqualTo("optimization:completed -");
        assertThat(logIds(read)).isEqualTo(LongStream.rangeClosed(1, 50_000).boxed().toList());
        assertThat(read.get(read.indexOf("RECONNECT") + 1)).as("the resumed stream says the job started, then goes on")
                .isEqualTo("optimization:started -");
    }

    /** On the strict server, whose outbox holds 16 events per client: this reader's falls far behind. */
    @Test
    void aReaderThatStopsReadingDoesNotHoldTheJobUpAndStillGetsEveryLineOnce() throws Exception {
        Api strict = TestServers.strict(true);
        int lines = 4500; // 9 MB, under a job's output limit, over what the kernel and Netty hold for the reader
        // it waits first, so the reader has caught up and follows live when the flood comes
        String modelId = strict.uploadModel("flood.py", "import time\ntime.sleep(1.5)\nline = 'x' * 2000\n"
                + "for i in range(" + lines + "):\n    print(f'{i} {line}')\n", "SO");
        String jobId = strict.execute(modelId, "{}");
        String jobUrl = strict.base() + "/api/optimization/jobs/" + jobId;
        List<String> read = run(List.of(PYTHON, script(), jobUrl + "/events", "--rcvbuf", "4096",
                "--pause-until", jobUrl, "--token", TestServers.TOKEN));

        assertThat(strict.job(jobId).get("status").asText()).isEqualTo("success");
        List<Long> got = logIds(read);
        assertThat(got).as(() -> describe(got)).isEqualTo(LongStream.rangeClosed(1, lines).boxed().toList());
        assertThat(read).containsOnlyOnce("optimization:started -");
        assertThat(read.subList(read.size() - 2, read.size())).containsExactly("optimization:completed -", "END");
    }

    @Test
    void theHeadersAndAFirstCommentComeAtOnceEvenBeforeTheJobPrintsAnything() throws Exception {
        String modelId = api.uploadModel("quiet.py", "import time\ntime.sleep(60)\n", "SO");
        String jobId = api.execute(modelId, "{}");
        try {
            java.net.http.HttpResponse<java.io.InputStream> response = api.client().send(
                    api.requestTo("/api/optimization/jobs/" + jobId + "/events").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo(": job " + jobId + " after line 0");
            }
            assertThat(api.job(jobId).get("lineCount").asLong()).as("it has printed nothing yet").isZero();
        } finally {
            api.post("/api/optimization/jobs/" + jobId + "/cancel");
        }
    }

    /** On the strict server, whose streams say they are still there after a second without events. */
    @Test
    void aQuietStreamSaysItIsStillThere() throws Exception {
        Api strict = TestServers.strict(true);
        String modelId = strict.uploadModel("slow.py", "import time\ntime.sleep(3)\nprint('done')\n", "RMO");
        String jobId = strict.execute(modelId, "{}");
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = strict.client().send(
                strict.requestTo("/api/optimization/jobs/" + jobId + "/events").build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        List<String> lines = response.body().toList(); // to the end of the stream: the job's end
        int firstLine = lines.indexOf("event: optimization:log");
        assertThat(firstLine).isPositive();
        assertThat(lines.subList(0, firstLine)).as("three quiet seconds before its line")
                .contains(": still following job " + jobId);
        assertThat(lines).contains("event: optimization:completed");
    }

    @Test
    void wrongRequestsGetClearErrorsAndAFinishedJobReplaysFromWhereAsked() throws Exception {
        String modelId = api.uploadModel("five.py", "for i in range(5):\n    print(i)\n", "DMO");
        String jobId = api.execute(modelId, "{}");
        api.awaitEnded(jobId, java.time.Duration.ofMinutes(1));
        String events = "/api/optimization/jobs/" + jobId + "/events";

        Api.Response unknown = api.get("/api/optimization/jobs/nope/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("JOB_NOT_FOUND");
        Api.Response negative = api.get(events + "?afterSeq=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.error()).contains("afterSeq");
        Api.Response junk = api.sendBuilt(api.requestTo(events).header("Last-Event-ID", "abc"));
        assertThat(junk.status()).isEqualTo(400);
        assertThat(junk.error()).contains("Last-Event-ID").contains("abc");
        Api.Response anonymous = TestServers.strict(false).get(events);
        assertThat(anonymous.status()).as("a server with a token wants it here too").isEqualTo(401);

        Api.Response resumed = api.sendBuilt(api.requestTo(events + "?afterSeq=1").header("Last-Event-ID", "3"));
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.contentType()).startsWith("text/event-stream");
        assertThat(resumed.text()).contains("id: 4\n", "id: 5\n", "event: optimization:completed\n")
                .doesNotContain("id: 3\n", "id: 2\n");
    }

    /** A short account of a list of ids that should be 1..n: its size and where it first skips or repeats. */
    private static String describe(List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != i + 1) {
                return ids.size() + " ids; at index " + i + " came " + ids.get(i) + " after "
                        + (i == 0 ? "nothing" : ids.get(i - 1));
            }
        }
        return ids.size() + " ids, 1 to " + ids.size();
    }

    private static List<Long> logIds(List<String> read) {
        return read.stream().filter(l -> l.startsWith("optimization:log ")).map(l -> Long.parseLong(l.substring(17))).toList();
    }

    private static String script() throws URISyntaxException {
        return Path.of(JobEventsOverSseTest.class.getResource("/sse/sse_reader.py").toURI()).toString();
    }

    /** Runs a client to its end and returns what it printed; it must exit 0 within two minutes. */
    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sse", ".txt");
        Path err = Files.createTempFile("sse", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " still reading after two minutes: " + tail(out));
            }
            assertThat(process.exitValue()).as(Files.readString(err)).isZero();
            return new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file);
        return text.substring(Math.max(0, text.length() - 500));
    }
}
