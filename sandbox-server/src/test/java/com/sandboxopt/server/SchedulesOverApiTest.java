package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Schedules over REST on a real server: create, fire, list their jobs, pause, run now, preview, bad input. */
class SchedulesOverApiTest {
    private final Api api = TestServers.open();

    private String model(String source) {
        return api.uploadModel("scheduled_" + UUID.randomUUID().toString().substring(0, 8) + ".py", source, "DMO");
    }

    @Test
    void aScheduleFiresItsJobsWhichCarryItAndPauseStopsIt() {
        String modelId = model("print('on time')\n");
        Api.Response created = api.postJson("/api/optimization/schedules", """
                {"name": "every second", "modelId": "%s", "cron": "* * * * * *", "timezone": "Europe/Berlin",
                 "config": {"hours": 6}}""".formatted(modelId));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode schedule = created.json().get("schedule");
        String id = schedule.get("id").asText();
        assertThat(schedule.get("followLatest").asBoolean()).isTrue();
        assertThat(schedule.get("overlap").asText()).isEqualTo("skip");
        assertThat(schedule.get("misfire").asText()).isEqualTo("run-once");
        assertThat(schedule.get("nextModelId").asText()).isEqualTo(modelId);
        assertThat(schedule.get("owner").isNull()).isTrue();
        assertThat(schedule.get("nextRuns")).hasSize(5);
        assertThat(OffsetDateTime.parse(schedule.get("nextRuns").get(0).asText()).getOffset().getTotalSeconds())
                .isIn(3600, 7200); // Berlin's offset, winter or summer

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/optimization/jobs?scheduleId=" + id)
                .json().get("jobs").size() >= 2);
        api.post("/api/optimization/schedules/" + id + "/pause");
        JsonNode job = api.get("/api/optimization/jobs?scheduleId=" + id).json().get("jobs").get(0);
        assertThat(job.get("scheduleId").asText()).isEqualTo(id);
        assertThat(OffsetDateTime.parse(job.get("scheduledFor").asText()).getNano()).isZero();
        assertThat(job.get("config").get("hours").asInt()).isEqualTo(6);
        JsonNode paused = api.get("/api/optimization/schedules/" + id).json().get("schedule");
        assertThat(paused.get("enabled").asBoolean()).isFalse();
        assertThat(paused.get("nextRuns")).isEmpty();
        assertThat(paused.get("lastJob").get("scheduleId").asText()).isEqualTo(id);

        Api.Response run = api.post("/api/optimization/schedules/" + id + "/run");
        assertThat(run.status()).as(run.text()).isEqualTo(200);
        JsonNode ran = api.awaitEnded(run.json().get("jobId").asText(), Duration.ofSeconds(30));
        assertThat(ran.get("scheduleId").asText()).isEqualTo(id);
        assertThat(ran.get("status").asText()).isEqualTo("success");
        assertThat(api.get("/api/optimization/schedules").json().get("schedules").findValuesAsText("id")).contains(id);
        assertThat(api.delete("/api/optimization/schedules/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/optimization/schedules/" + id).status()).isEqualTo(404);
    }

    @Test
    void replacingAScheduleChangesWhenItRuns() {
        String modelId = model("print(1)\n");
        String id = api.postJson("/api/optimization/schedules", """
                {"name": "morning", "modelId": "%s", "cron": "0 6 * * *"}""".formatted(modelId)).json()
                .get("schedule").get("id").asText();

        Api.Response replaced = api.putJson("/api/optimization/schedules/" + id, """
                {"name": "noon", "modelId": "%s", "cron": "0 12 * * MON-FRI", "timezone": "America/New_York",
                 "overlap": "cancel-previous", "deadline": "PT45M"}""".formatted(modelId));

        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        JsonNode schedule = replaced.json().get("schedule");
        assertThat(schedule.get("name").asText()).isEqualTo("noon");
        assertThat(schedule.get("overlap").asText()).isEqualTo("cancel-previous");
        assertThat(schedule.get("deadline").asText()).isEqualTo("PT45M");
        assertThat(schedule.get("nextRuns").get(0).asText()).contains("T12:00").matches(".*-0[45]:00");
        api.delete("/api/optimization/schedules/" + id);
    }

    @Test
    void aChainOfTwoSchedulesHandsTheFirstJobsOutputToTheSecond() {
        String name = "api-chain-" + UUID.randomUUID().toString().substring(0, 8);
        String producer = model("with open('output/result.json', 'w') as f:\n    f.write('{\"mw\": 120}')\n");
        String consumer = model("import json\nprint('mw', json.load(open('data/result.json'))['mw'])\n");
        String first = api.postJson("/api/optimization/schedules", """
                {"name": "dmo", "modelId": "%s", "cron": "0 0 6 * * *", "publishAs": "%s"}""".formatted(producer, name))
                .json().get("schedule").get("id").asText();
        Api.Response second = api.postJson("/api/optimization/schedules", """
                {"name": "rmo", "modelId": "%s", "after": "%s", "dataSourceId": "%s"}""".formatted(consumer, first, name));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        String secondId = second.json().get("schedule").get("id").asText();

        String upstream = api.post("/api/optimization/schedules/" + first + "/run").json().get("jobId").asText();
        JsonNode produced = api.awaitEnded(upstream, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode jobs = api.get("/api/optimization/jobs?scheduleId=" + secondId).json().get("jobs");
            return jobs.size() == 1 && jobs.get(0).get("finishedAt").isTextual();
        });

        assertThat(produced.get("publishAs").asText()).isEqualTo(name);
        JsonNode version = api.get("/api/optimization/data-sources/" + name).json().get("dataSource");
        assertThat(version.get("producedBy").asText()).isEqualTo(upstream);
        JsonNode downstream = api.get("/api/optimization/jobs?scheduleId=" + secondId).json().get("jobs").get(0);
        assertThat(downstream.get("dataSourceId").asText()).isEqualTo(version.get("id").asText());
        assertThat(api.logMessages(downstream.get("jobId").asText())).containsExactly("mw 120");
        api.delete("/api/optimization/schedules/" + secondId);
        api.delete("/api/optimization/schedules/" + first);
        Api.Response refused = api.postJson("/api/optimization/execute", """
                {"modelId": "%s", "publishAs": "has spaces"}""".formatted(producer));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    }

    @Test
    void thePreviewShowsTheNextRunsAcrossAClockChange() {
        Api.Response preview = api.get("/api/optimization/schedules/preview?cron=30+2+*+*+*&timezone=Europe/Berlin"
                + "&from=2027-03-27T00:00:00Z&count=3");

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.json().get("runs").findValuesAsText("")).isEmpty();
        assertThat(preview.json().get("runs").toString()).isEqualTo(
                "[\"2027-03-27T02:30+01:00\",\"2027-03-28T03:00+02:00\",\"2027-03-29T02:30+02:00\"]");
    }

    @Test
    void badSchedulesAre4xxNamingTheProblem() {
        String modelId = model("print(1)\n");
        int before = api.get("/api/optimization/schedules").json().get("schedules").size();

        assertError(api.get("/api/optimization/schedules/preview?cron=0+24+*+*+*"), 400, "hour");
        assertError(api.get("/api/optimization/schedules/preview?cron=0+6+*+*+*&timezone=Nowhere/Land"), 400, "Nowhere/Land");
        assertError(api.postJson("/api/optimization/schedules", "{\"modelId\": \"" + modelId + "\", \"cron\": \"0 6 * * *\"}"),
                400, "name is required");
        assertError(api.postJson("/api/optimization/schedules", "{\"name\": \"x\", \"modelId\": \"" + modelId
                + "\", \"cron\": \"0 6 * * *\", \"enabled\": \"yes\"}"), 400, "enabled must be true or false");
        assertError(api.postJson("/api/optimization/schedules", "{\"name\": \"x\", \"modelId\": \"" + modelId
                + "\", \"cron\": \"0 6 * * *\", \"deadline\": \"2 hours\"}"), 400, "deadline must be an ISO-8601 duration");
        assertError(api.postJson("/api/optimization/schedules", "{\"name\": \"x\", \"modelId\": \"" + modelId
                + "\", \"cron\": \"0 6 * * *\", \"overlap\": \"sometimes\"}"), 400, "overlap must be skip, queue or cancel-previous");
        assertError(api.postJson("/api/optimization/schedules", "{\"name\": \"x\", \"modelId\": \"nope\", \"cron\": \"0 6 * * *\"}"),
                404, "nope");
        assertError(api.postJson("/api/optimization/schedules", "{\"name\": \"x\", \"modelId\": \"" + modelId
                + "\", \"after\": \"sch_1_gone00\"}"), 404, "sch_1_gone00");
        assertError(api.postJson("/api/optimization/schedules", "{\"name\": \"x\", \"modelId\": \"" + modelId + "\"}"),
                400, "exactly one of cron");
        assertError(api.get("/api/optimization/schedules/sch_1_gone00"), 404, "sch_1_gone00");

        assertThat(api.get("/api/optimization/schedules").json().get("schedules")).hasSize(before);
    }

    private static void assertError(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("error").asText()).contains(messagePart);
    }
}
