package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cpython job printing 100,000 lines (the default output cap), the fastest the guest and the log path
 * deliver, followed over WebSockets: one client follows everything from before the start, one subscribes to the
 * job by id once its first line is out (stored lines, then live ones), one replays the end after the job. Each
 * gets every line once, in order. Their server's queue holds the whole job, so no client is told it lagged.
 */
class ChattyJobOverWebSocketTest {
    private static final int LINES = 100_000;

    /** What a client got of the job: the seqs of its log events, and whether the messages matched them. */
    private record Seen(List<Long> seqs, boolean messagesMatch, boolean lagged) {
    }

    @Test
    void everyLineReachesEachClientOnceAndInOrder() {
        try (EmbeddedServer server = TestServers.startOwn("chatty", Map.of("sandbox.pool-size", 1,
                "sandbox.websocket-queue", 2 * LINES))) {
            Api api = TestServers.api(server);
            Api.Response upload = api.upload("chatty.py", ("for i in range(" + LINES + "):\n    print(f'line {i + 1}')\n")
                    .getBytes(StandardCharsets.UTF_8), "DMO", "prints the default cap", "cpython");
            assertThat(upload.status()).as(upload.text()).isEqualTo(200);
            String modelId = upload.json().at("/model/id").asText();
            try (WsClient all = WsClient.connectBatched(api); WsClient follower = WsClient.connectBatched(api)) {
                all.subscribe("{\"action\": \"subscribe\"}");
                String jobId = api.execute(modelId, "{}");
                List<Long> seqs = new ArrayList<>();
                boolean[] match = {true};
                all.next(m -> {
                    record(m, jobId, seqs, match);
                    return !seqs.isEmpty();
                });
                follower.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": 0}");

                Seen everything = collect(all, jobId, seqs, match);
                Seen followed = collect(follower, jobId, new ArrayList<>(), new boolean[] {true});

                List<Long> expected = LongStream.rangeClosed(1, LINES).boxed().toList();
                assertThat(api.job(jobId).get("status").asText()).isEqualTo("success");
                assertThat(api.job(jobId).get("lineCount").asLong()).isEqualTo(LINES);
                for (Seen seen : List.of(everything, followed)) {
                    assertThat(seen.seqs()).containsExactlyElementsOf(expected);
                    assertThat(seen.messagesMatch()).isTrue();
                    assertThat(seen.lagged()).isFalse();
                }
                try (WsClient late = WsClient.connectBatched(api)) {
                    late.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": " + (LINES - 1_000) + "}");
                    assertThat(collect(late, jobId, new ArrayList<>(), new boolean[] {true}).seqs())
                            .containsExactlyElementsOf(LongStream.rangeClosed(LINES - 999, LINES).boxed().toList());
                }
            }
        }
    }

    /** Reads the client's messages up to the job's end; few are kept (100,000 parsed events would fill the heap). */
    private static Seen collect(WsClient client, String jobId, List<Long> seqs, boolean[] match) {
        boolean[] lagged = {false};
        client.next(m -> {
            lagged[0] |= m.path("event").asText().equals("optimization:lagged");
            record(m, jobId, seqs, match);
            return WsClient.ended(jobId).test(m);
        });
        return new Seen(seqs, match[0], lagged[0]);
    }

    private static void record(JsonNode message, String jobId, List<Long> seqs, boolean[] match) {
        if (WsClient.event("optimization:log", jobId).test(message)) {
            long seq = message.at("/data/seq").asLong();
            seqs.add(seq);
            match[0] &= message.at("/data/message").asText().equals("line " + seq);
        }
    }
}
