package com.sandboxopt.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLogEventCarriesEveryFieldOfTheSpecAndEscapesWhatTheModelPrinted() throws Exception {
        String printed = "quote \" backslash \\ tab \t bell \u0007 euro \u20ac snake \uD83D\uDC0D </script>";
        Instant at = Instant.parse("2026-11-29T07:38:00.123456789Z");

        OutboundEvent event = EventMessages.log(new LogEvent("RMO_1_abcdef", ModelType.RMO, 42, LogLevel.WARNING, printed, at));

        JsonNode message = JSON.readTree(event.json());
        assertThat(message.get("event").asText()).isEqualTo("optimization:log");
        JsonNode data = message.get("data");
        assertThat(fieldNames(data)).containsExactly("jobId", "modelType", "seq", "level", "message", "timestamp");
        assertThat(data.get("jobId").asText()).isEqualTo("RMO_1_abcdef");
        assertThat(data.get("modelType").asText()).isEqualTo("RMO");
        assertThat(data.get("seq").asLong()).isEqualTo(42);
        assertThat(data.get("level").asText()).isEqualTo("WARNING");
        assertThat(data.get("message").asText()).isEqualTo(printed);
        assertThat(data.get("timestamp").asText()).isEqualTo("2026-11-29T07:38:00.123456789Z");
        assertThat(event.seq()).isEqualTo(42);
        assertThat(event.kind()).isEqualTo(OutboundEvent.Kind.LOG);
    }

    @Test
    void aBatchIsOneMessageHoldingTheEventsInOrder() throws Exception {
        List<String> events = List.of(
                EventMessages.log(new LogEvent("DMO_1_a", ModelType.DMO, 1, LogLevel.INFO, "one", Instant.EPOCH)).json(),
                EventMessages.log(new LogEvent("DMO_1_a", ModelType.DMO, 2, LogLevel.INFO, "two", Instant.EPOCH)).json());

        JsonNode batch = JSON.readTree(EventMessages.batch(events));

        assertThat(batch.get("event").asText()).isEqualTo("optimization:batch");
        assertThat(batch.get("data").get("events")).extracting(e -> e.get("data").get("message").asText())
                .containsExactly("one", "two");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
