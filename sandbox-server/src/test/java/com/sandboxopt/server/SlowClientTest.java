package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.RawWebSocket;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the strict server, whose WebSocket queue holds 16 messages per client. The job prints ~6 MB,
 * more than the TCP buffers between the server and a client with a 4 KB receive buffer hold, so the
 * queue of that client overflows once it stops reading.
 */
class SlowClientTest {
    private static final int LINES = 3_000;
    private final Api api = TestServers.strict(true);

    @Test
    void aClientThatStopsReadingIsToldWhatItMissedAndCanReplayIt() throws Exception {
        String model = "line = 'x' * 2000\nfor i in range(" + LINES + "):\n    print(f'{i} {line}')\n";
        String modelId = api.uploadModel("flood.py", model, "SO");
        try (RawWebSocket slow = new RawWebSocket(api)) {
            slow.sendText("{\"action\": \"subscribe\"}");
            assertThat(slow.read().get("event").asText()).isEqualTo("subscribed");
            String jobId = api.execute(modelId, "{}");
            // asked over REST: lines reach clients in stored batches, more at once than this server's 16-message
            // queue holds, so any client of it may lag; the slow one must not hold the job up
            JsonNode ended = api.awaitEnded(jobId, java.time.Duration.ofMinutes(2));
            assertThat(ended.get("status").asText()).as("the job is not slowed by the slow client").isEqualTo("success");

            List<JsonNode> beforeNotice = new ArrayList<>();
            JsonNode notice;
            do {
                notice = slow.read();
                beforeNotice.add(notice);
            } while (!notice.get("event").asText().equals("optimization:lagged"));
            assertThat(notice.at("/data/dropped").asLong()).isPositive();
            long lastSeq = notice.at("/data/lastSeq/" + jobId).asLong(-1);
            assertThat(lastSeq).isBetween(0L, (long) LINES - 1);
            assertThat(beforeNotice).filteredOn(m -> m.get("event").asText().equals("optimization:log"))
                    .extracting(m -> m.at("/data/seq").asLong())
                    .isEqualTo(LongStream.rangeClosed(1, lastSeq).boxed().toList());

            try (WsClient replay = WsClient.connect(api)) {
                replay.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": " + lastSeq + "}");
                List<JsonNode> rest = replay.until(WsClient.ended(jobId));
                assertThat(rest).filteredOn(m -> m.get("event").asText().equals("optimization:log"))
                        .extracting(m -> m.at("/data/seq").asLong())
                        .isEqualTo(LongStream.rangeClosed(lastSeq + 1, LINES).boxed().toList());
            }
        }
    }
}
