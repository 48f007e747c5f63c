package com.sandboxopt.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The slow-client rules with a transport whose sends complete only when the test says so. */
class OutboxTest {
    private final Object lock = new Object();
    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final Outbox outbox = new Outbox(json -> {
        sent.add(json);
        CompletableFuture<Void> future = new CompletableFuture<>();
        pending.add(future);
        return future;
    }, 4, lock, Runnable::run, false);

    private static OutboundEvent line(long seq) {
        return EventMessages.log(new LogEvent("J", ModelType.DMO, seq, LogLevel.INFO, "line " + seq, Instant.now()));
    }

    private void completeAll() {
        while (pending.size() > 0) {
            CompletableFuture<Void> next = pending.remove(0);
            next.complete(null);
        }
    }

    @Test
    void sendsAtOnceInOrder() {
        synchronized (lock) {
            outbox.add(line(1));
            outbox.add(line(2));
        }
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).contains("\"seq\":1");
        assertThat(sent.get(1)).contains("\"seq\":2");
    }

    @Test
    void aBatchingClientGetsWhatPiledUpMeanwhileAsOneBatchInOrder() throws Exception {
        Outbox batching = new Outbox(json -> {
            sent.add(json);
            CompletableFuture<Void> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }, 100, lock, Runnable::run, true);
        synchronized (lock) {
            batching.add(line(1));  // nothing on the wire: goes alone, at once
            batching.add(line(2));
            batching.add(line(3));
            batching.add(line(4));
        }
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("\"seq\":1");

        completeAll();

        assertThat(sent).hasSize(2);
        JsonNode batch = new ObjectMapper().readTree(sent.get(1));
        assertThat(batch.get("event").asText()).isEqualTo("optimization:batch");
        assertThat(batch.at("/data/events")).extracting(e -> e.at("/data/seq").asLong()).containsExactly(2L, 3L, 4L);
        completeAll();
        synchronized (lock) {
            assertThat(batching.hasRoom()).isTrue();
            batching.add(line(5));
        }
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2)).startsWith("{\"event\":\"optimization:log\"");
    }

    @Test
    void aFullQueueDropsAndThenSendsALaggedNoticeWithTheLastQueuedSeq() throws Exception {
        synchronized (lock) {
            for (long seq = 1; seq <= 20; seq++) {
                outbox.add(line(seq));  // 1..4 pending, 5..20 dropped
            }
            assertThat(outbox.lagging()).isTrue();
        }
        completeAll();
        JsonNode notice = new ObjectMapper().readTree(sent.get(sent.size() - 1));
        assertThat(sent).hasSize(5);
        assertThat(notice.get("event").asText()).isEqualTo("optimization:lagged");
        assertThat(notice.at("/data/dropped").asLong()).isEqualTo(16);
        assertThat(notice.at("/data/lastSeq/J").asLong()).isEqualTo(4);
        synchronized (lock) {
            assertThat(outbox.lagging()).isFalse();
            assertThat(outbox.add(line(21))).isTrue();
        }
    }

    @Test
    void fullBatchesLeaveOneAfterTheOtherAndOnlyTheRestWaitsForTheWire() throws Exception {
        Outbox batching = new Outbox(json -> {
            sent.add(json);
            CompletableFuture<Void> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }, 10_000, lock, Runnable::run, true);
        synchronized (lock) {
            for (long seq = 1; seq <= 1 + 2 * Outbox.BATCH_EVENTS + 7; seq++) {
                batching.add(line(seq)); // the first goes alone; the rest piles up behind it
            }
        }
        assertThat(sent).hasSize(1);

        pending.remove(0).complete(null); // the first is written: two full batches go at once, the 7 wait

        assertThat(sent).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(sent.get(1)).at("/data/events")).hasSize(Outbox.BATCH_EVENTS);
        assertThat(json.readTree(sent.get(2)).at("/data/events")).hasSize(Outbox.BATCH_EVENTS);
        assertThat(json.readTree(sent.get(2)).at("/data/events/0/data/seq").asLong()).isEqualTo(2 + Outbox.BATCH_EVENTS);
        pending.remove(0).complete(null);
        assertThat(sent).hasSize(3);
        pending.remove(0).complete(null);
        assertThat(sent).hasSize(4);
        assertThat(json.readTree(sent.get(3)).at("/data/events")).extracting(e -> e.at("/data/seq").asLong())
                .containsExactly(1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L);
    }
}
