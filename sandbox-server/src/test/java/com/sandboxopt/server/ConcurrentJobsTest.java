package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentJobsTest {
    private final Api api = TestServers.open();

    @Test
    void twoJobsRunningAtOnceKeepTheirEventsApart() {
        String modelId = api.uploadModel("concurrent.py", Models.ticking(30, 0.03), "DMO");
        try (WsClient ws = WsClient.connect(api)) {
            ws.subscribe("{\"action\": \"subscribe\", \"modelType\": \"DMO\"}");
            String first = api.execute(modelId, "{}");
            String second = api.execute(modelId, "{}");
            Set<String> ended = new HashSet<>();
            List<JsonNode> all = ws.until(m -> {
                if (WsClient.ended(first).or(WsClient.ended(second)).test(m)) {
                    ended.add(m.at("/data/jobId").asText());
                }
                return ended.size() == 2;
            });
            for (String jobId : List.of(first, second)) {
                List<JsonNode> mine = all.stream().filter(m -> m.at("/data/jobId").asText().equals(jobId)).toList();
                assertThat(mine.get(0).get("event").asText()).isEqualTo("optimization:started");
                assertThat(mine.get(mine.size() - 1).get("event").asText()).isEqualTo("optimization:completed");
                assertThat(mine).filteredOn(m -> m.get("event").asText().equals("optimization:log"))
                        .extracting(m -> m.at("/data/seq").asLong())
                        .isEqualTo(LongStream.rangeClosed(1, 30).boxed().toList());
            }
            JsonNode firstStarted = all.stream().filter(WsClient.event("optimization:started", first)::test).findFirst().orElseThrow();
            JsonNode secondEnded = all.stream().filter(WsClient.ended(second)::test).findFirst().orElseThrow();
            assertThat(all.indexOf(firstStarted)).as("the jobs overlapped").isLessThan(all.indexOf(secondEnded));
            assertThat(api.job(first).get("lineCount").asLong()).isEqualTo(30);
            assertThat(api.job(second).get("lineCount").asLong()).isEqualTo(30);
        }
    }
}
