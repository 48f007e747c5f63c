package com.sandboxopt.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void aLogEventIsTheTextJacksonWritesForItsFields() throws Exception {
        Instant at = Instant.parse("2026-11-29T07:38:00.123456Z");
        for (String printed : new String[] {"line 7", "", "quote \" backslash \\ tab \t nul \u0000 newline \n cr \r",
                "\u001f \u007f caf\u00e9 \u20ac \uD83D\uDC0D \u2028 </script>"}) {
            for (String jobId : new String[] {"DMO_1_abcdef", "SO_2_zzzzzz", "DMO_1_abcdef"}) {
                Instant stamp = jobId.startsWith("SO") ? null : at; // a stored line may have no timestamp
                LogEvent event = new LogEvent(jobId, ModelType.SO, 3, LogLevel.ERROR, printed, stamp);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("jobId", jobId);
                data.put("modelType", "SO");
                data.put("seq", 3);
                data.put("level", "ERROR");
                data.put("message", printed);
                data.put("timestamp", stamp == null ? null : stamp.toString());

                assertThat(EventMessages.log(event).json()).isEqualTo(jackson(data));
            }
        }
    }

    /** What Jackson writes for the message: the text written by hand before must be the same. */
    private static String jackson(Map<String, Object> data) throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", "optimization:log");
        message.put("data", data);
        return JSON.writeValueAsString(message);
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
