package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code "deadline"} over HTTP: sent at execute, carried in the job's JSON, enforced, refused when malformed or past. */
class DeadlineOverApiTest {
    private static final Api API = TestServers.open();
    private static String quick;

    @BeforeAll
    static void model() {
        quick = API.uploadModel("deadline_quick.py", "print('done')\n", "DMO");
    }

    @Test
    void aJobCarriesItsDeadlineAsAnInstantInUtcHoweverItWasWritten() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        String withOffset = deadline.atOffset(ZoneOffset.ofHours(2)).toString(); // e.g. 2026-03-01T13:00:00.123+02:00

        Api.Response answer = API.postJson("/api/optimization/execute",
                "{\"modelId\": \"" + quick + "\", \"deadline\": \"" + withOffset + "\"}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        String jobId = answer.json().get("jobId").asText();
        JsonNode ended = API.awaitEnded(jobId, Duration.ofMinutes(2));
        assertThat(ended.get("status").asText()).isEqualTo("success");
        assertThat(ended.get("deadline").asText()).isEqualTo(deadline.toString());
        JsonNode listed = API.get("/api/optimization/jobs?modelId=" + quick).json().get("jobs").get(0);
        assertThat(listed.get("deadline").asText()).isEqualTo(deadline.toString());
    }

    @Test
    void aJobWithoutADeadlineHasANullOne() {
        String jobId = API.execute(quick, "{}");

        assertThat(API.awaitEnded(jobId, Duration.ofMinutes(2)).get("deadline").isNull()).isTrue();
    }

    @Test
    void aJobStillRunningAtItsDeadlineEndsTimedOutSayingSo() {
        String forever = API.uploadModel("deadline_forever.py", "import time\nprint('waiting', flush=True)\ntime.sleep(600)\n", "SO");
        Instant deadline = Instant.now().plusSeconds(4);

        Api.Response answer = API.postJson("/api/optimization/execute",
                "{\"modelId\": \"" + forever + "\", \"deadline\": \"" + deadline + "\"}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode ended = API.awaitEnded(answer.json().get("jobId").asText(), Duration.ofMinutes(1));
        assertThat(ended.get("status").asText()).isEqualTo("timed_out");
        assertThat(ended.get("error").asText()).isEqualTo("Stopped at its deadline " + deadline.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aMalformedDeadlineIsA400NamingTheField() {
        String expected = "deadline must be an ISO-8601 instant like 2026-03-01T11:00:00Z (or with an offset, like"
                + " 2026-03-01T12:00:00+01:00)";
        assertBadRequest("{\"modelId\": \"" + quick + "\", \"deadline\": \"tomorrow noon\"}", expected + ", was 'tomorrow noon'");
        assertBadRequest("{\"modelId\": \"" + quick + "\", \"deadline\": \"2026-03-01\"}", expected + ", was '2026-03-01'");
        assertBadRequest("{\"modelId\": \"" + quick + "\", \"deadline\": 1772362800}", expected + ", was number");
        assertBadRequest("{\"modelId\": \"" + quick + "\", \"deadline\": {\"at\": \"x\"}}", expected + ", was object");
    }

    @Test
    void aDeadlineAlreadyPassedIsA400AndNothingIsStored() {
        String late = API.uploadModel("deadline_late.py", "print('must not run')\n", "RMO");
        Instant past = Instant.now().minusSeconds(60);

        Api.Response answer = API.postJson("/api/optimization/execute",
                "{\"modelId\": \"" + late + "\", \"deadline\": \"" + past + "\"}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(answer.error()).startsWith("deadline " + past + " has already passed");
        assertThat(API.get("/api/optimization/jobs?modelId=" + late).json().get("jobs")).isEmpty();
    }

    private static void assertBadRequest(String body, String message) {
        Api.Response response = API.postJson("/api/optimization/execute", body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.error()).isEqualTo(message);
    }
}
