package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsTest {
    private final Api api = TestServers.open();

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.get("event").asText().equals("optimization:log"))
                .map(m -> m.at("/data/seq").asLong()).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private void awaitEnd(String jobId) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !List.of("queued", "running")
                .contains(api.job(jobId).get("status").asText()));
    }

    @Test
    void aModelTypeSubscriptionSeesOnlyThatType() {
        String dmo = api.uploadModel("typed_dmo.py", "print('dmo line')\n", "DMO");
        String rmo = api.uploadModel("typed_rmo.py", "print('rmo line')\n", "RMO");
        try (WsClient ws = WsClient.connect(api)) {
            assertThat(ws.subscribe("{\"action\": \"subscribe\", \"modelType\": \"RMO\"}").at("/data/modelType").asText())
                    .isEqualTo("RMO");
            String dmoJob = api.execute(dmo, "{}");
            awaitEnd(dmoJob);
            String rmoJob = api.execute(rmo, "{}");
            List<JsonNode> seen = ws.until(WsClient.ended(rmoJob));
            assertThat(seen).allSatisfy(m -> assertThat(m.at("/data/modelType").asText()).isEqualTo("RMO"));
            assertThat(seen).noneMatch(m -> m.at("/data/jobId").asText().equals(dmoJob));
            assertThat(seen).anyMatch(m -> m.at("/data/message").asText().equals("rmo line"));
        }
    }

    @Test
    void aJobSubscriptionReplaysAfterSeqAndEndsWithTheStoredEnd() {
        String jobId = api.execute(api.uploadModel("replayed.py", Models.ticking(8, 0), "DMO"), "{}");
        awaitEnd(jobId);
        try (WsClient ws = WsClient.connect(api)) {
            ws.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": 3}");
            List<JsonNode> replay = ws.until(WsClient.ended(jobId));
            assertThat(replay.get(0).get("event").asText()).isEqualTo("optimization:started");
            assertThat(seqs(replay)).isEqualTo(range(4, 8));
            assertThat(replay).filteredOn(m -> m.get("event").asText().equals("optimization:log"))
                    .extracting(m -> m.at("/data/message").asText()).startsWith("tick 3", "tick 4");
            assertThat(replay.get(replay.size() - 1).get("event").asText()).isEqualTo("optimization:completed");
        }
    }

    @Test
    void followingAJobAgainOnTheSameConnectionContinuesItWithoutRepeatingLines() {
        String jobId = api.execute(api.uploadModel("again.py", Models.ticking(6, 0), "DMO"), "{}");
        awaitEnd(jobId);
        String subscribe = "{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": ";
        try (WsClient ws = WsClient.connect(api)) {
            ws.subscribe(subscribe + "0}");
            assertThat(seqs(ws.until(WsClient.ended(jobId)))).isEqualTo(range(1, 6));

            // as a client does after optimization:lagged, from a line it has: what this connection sent is not resent
            ws.subscribe(subscribe + "2}");
            assertThat(seqs(ws.until(WsClient.ended(jobId)))).isEmpty();

            ws.subscribe("{\"action\": \"unsubscribe\", \"jobId\": \"" + jobId + "\"}");
            ws.subscribe(subscribe + "2}");
            assertThat(seqs(ws.until(WsClient.ended(jobId)))).isEqualTo(range(3, 6));
        }
    }

    @Test
    void reconnectingMidRunWithAfterSeqContinuesWithoutLosingOrRepeatingALine() {
        String jobId = api.execute(api.uploadModel("reconnect.py", Models.ticking(40, 0.05), "DMO"), "{}");
        long lastSeen;
        try (WsClient first = WsClient.connect(api)) {
            first.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": 0}");
            JsonNode fifth = first.next(m -> m.at("/data/seq").asLong() == 5);
            lastSeen = fifth.at("/data/seq").asLong();
        }
        try (WsClient second = WsClient.connect(api)) {
            second.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": " + lastSeen + "}");
            List<JsonNode> rest = second.until(WsClient.ended(jobId));
            assertThat(seqs(rest)).isEqualTo(range(6, 40));
            assertThat(rest.get(rest.size() - 1).at("/data/status").asText()).isEqualTo("success");
            assertThat(rest).filteredOn(m -> m.get("event").asText().equals("optimization:started")).hasSize(1);
        }
    }

    @Test
    void aBatchingClientGetsEveryLineOfAChattyJobOnceAndInOrder() {
        try (WsClient batched = WsClient.connectBatched(api)) {
            batched.subscribe("{\"action\": \"subscribe\", \"modelType\": \"RMO\"}");
            String jobId = api.execute(api.uploadModel("chatty_batched.py",
                    "for i in range(20000):\n    print('line', i + 1)\n", "RMO"), "{}");
            List<JsonNode> seen = batched.until(WsClient.ended(jobId)).stream()
                    .filter(m -> m.at("/data/jobId").asText().equals(jobId)).toList();
            assertThat(seqs(seen)).isEqualTo(range(1, 20_000));
            assertThat(seen).filteredOn(m -> m.at("/data/seq").asLong() == 20_000)
                    .extracting(m -> m.at("/data/message").asText()).containsExactly("line 20000");
            assertThat(batched.batchesReceived()).isPositive();
        }
    }

    @Test
    void subscribingWhileAJobPrintsSeesEveryLineExactlyOnce() {
        try (WsClient all = WsClient.connect(api); WsClient follower = WsClient.connect(api)) {
            all.subscribe("{\"action\": \"subscribe\", \"modelType\": \"SO\"}");
            String jobId = api.execute(api.uploadModel("seam.py", Models.ticking(300, 0.002), "SO"), "{}");
            all.next(m -> m.at("/data/jobId").asText().equals(jobId) && m.at("/data/seq").asLong() == 20);
            follower.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\", \"afterSeq\": 0}");
            assertThat(seqs(follower.until(WsClient.ended(jobId)))).isEqualTo(range(1, 300));
        }
    }

    @Test
    void unsubscribeStopsEvents() {
        String modelId = api.uploadModel("unsubscribed.py", "print('hidden')\n", "SO");
        try (WsClient ws = WsClient.connect(api)) {
            ws.subscribe("{\"action\": \"subscribe\"}");
            assertThat(ws.subscribe("{\"action\": \"unsubscribe\"}").get("event").asText()).isEqualTo("unsubscribed");
            String jobId = api.execute(modelId, "{}");
            awaitEnd(jobId);
            ws.send("{\"action\": \"marker\"}");
            // Messages to one client go out in order: nothing of the job may come before the marker's error.
            List<JsonNode> seen = ws.until(m -> m.get("event").asText().equals("error"));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).at("/data/error").asText()).contains("Unknown action 'marker'");
        }
    }

    @Test
    void malformedMessagesGetAnErrorAndTheSocketStaysOpen() {
        try (WsClient ws = WsClient.connect(api)) {
            ws.send("this is not json");
            assertThat(ws.next(m -> true).at("/data/error").asText()).contains("Messages must be JSON");
            ws.send("[1, 2]");
            assertThat(ws.next(m -> true).at("/data/error").asText()).contains("JSON objects");
            ws.send("{\"action\": \"subscribe\", \"modelType\": \"XYZ\"}");
            assertThat(ws.next(m -> true).at("/data/error").asText()).contains("Unknown modelType 'XYZ'");
            ws.send("{\"action\": \"subscribe\", \"jobId\": \"DMO_1_zzzzzz\"}");
            JsonNode ack = ws.next(m -> true);
            assertThat(ack.get("event").asText()).isEqualTo("subscribed");
            assertThat(ws.next(m -> true).at("/data/error").asText()).contains("No job with id 'DMO_1_zzzzzz'");
            ws.send("{\"action\": \"subscribe\", \"jobId\": \"DMO_1_zzzzzz\", \"afterSeq\": -4}");
            assertThat(ws.next(m -> true).at("/data/error").asText()).contains("afterSeq");
            assertThat(ws.isOpen()).isTrue();
            assertThat(ws.subscribe("{\"action\": \"subscribe\"}").get("event").asText()).isEqualTo("subscribed");
        }
    }

    @Test
    void aCancelledJobEndsWithAFailedEventSayingSo() {
        String jobId = api.execute(api.uploadModel("cancel_ws.py", Models.FOREVER, "RMO"), "{}");
        try (WsClient ws = WsClient.connect(api)) {
            ws.subscribe("{\"action\": \"subscribe\", \"jobId\": \"" + jobId + "\"}");
            ws.next(WsClient.event("optimization:started", jobId));
            assertThat(api.post("/api/optimization/jobs/" + jobId + "/cancel").status()).isEqualTo(200);
            JsonNode failed = ws.next(WsClient.ended(jobId));
            assertThat(failed.get("event").asText()).isEqualTo("optimization:failed");
            assertThat(failed.at("/data/status").asText()).isEqualTo("cancelled");
            assertThat(failed.at("/data/error").asText()).isEqualTo("Cancelled by user");
        }
    }
}
