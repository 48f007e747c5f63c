package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Schedules card in a real headless chromium: a schedule made in the dialog with its cron typed key by key (the
 * next runs follow the typing, a wrong field or zone says which), listed with its next run; pause and resume; a
 * server error on save keeps the form; run now starts a job that carries the schedule's badge and publishes its
 * outputs as the dialog said; the skipped firings and their reasons; delete, asked first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class ScheduleCardBrowserTest extends PageTest {
    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final String FILE = "schedule_card_so.py";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String NAME = "morning " + SUFFIX;
    private static final String ROW = "#schedules-table tbody tr[data-name='" + NAME + "']";
    private static final String PUBLISH = "morning-out-" + SUFFIX;

    private static String modelId;
    private static String scheduleId;
    private static String skippingId;

    @BeforeAll
    static void openThePage() throws IOException {
        modelId = api.uploadModel(FILE, "print('scheduled tick')\nopen('output/tick.csv', 'w').write('n\\n1\\n')\n", "SO");
        open("/sandbox");
        await().atMost(LONG).until(() -> Boolean.TRUE.equals(js("return document.getElementById('schedules-empty').hidden === false"
                + " || document.querySelector('#schedules-table tbody tr') !== null")));
    }

    /** Deletes the schedules left and waits for their jobs, so that the next test class finds the server idle. */
    @AfterAll
    static void deleteWhatIsLeft() {
        for (String id : new String[] {scheduleId, skippingId}) {
            if (id != null) {
                api.delete("/api/optimization/schedules/" + id);
                api.get("/api/optimization/jobs?scheduleId=" + id).json().get("jobs")
                        .forEach(job -> api.awaitEnded(job.get("jobId").asText(), LONG));
            }
        }
    }

    @Test
    @Order(1)
    void aCronTypedKeyByKeyPreviewsItsNextRunsAndAWrongFieldSaysWhichOne() {
        css("#schedule-new").click();
        await().atMost(SHORT).until(() -> css("#schedule-dialog").isDisplayed()
                && !new Select(css("#schedule-model")).getOptions().isEmpty());
        assertThat(text("#schedule-dialog-title")).isEqualTo("New schedule");
        assertThat(value("#schedule-timezone")).as("the browser's own zone")
                .isEqualTo(js("return Intl.DateTimeFormat().resolvedOptions().timeZone"));
        assertThat(css("#schedule-follow-latest").isSelected()).isTrue();
        assertThat(css("#schedule-submit").isEnabled()).isFalse();
        countPreviewRequests();

        type(css("#schedule-name"), NAME);
        new Select(css("#schedule-model")).selectByValue(modelId);
        WebElement zone = css("#schedule-timezone");
        zone.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        type(zone, "Europe/Berlin");
        WebElement cron = css("#schedule-cron");
        type(cron, "0 2");
        awaitPreview("error");
        assertThat(text("#schedule-cron-error")).contains("has 2 fields");
        type(cron, " * * *");
        awaitPreview("ok");
        assertThat(previewRuns()).hasSize(5).allSatisfy(run -> assertThat(run).matches(".* 02:00 \\+0[12]:00 · in .*"));

        cron.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        type(cron, "0 25 * * *");
        awaitPreview("error");
        assertThat(text("#schedule-cron-error")).startsWith("cron field 2 (hour) '25' is wrong");
        assertThat(cron.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(previewRuns()).isEmpty();
        for (int i = 0; i < "25 * * *".length(); i++) {
            cron.sendKeys(Keys.BACK_SPACE);
        }
        type(cron, "6 * * *");
        awaitPreview("ok");
        assertThat(value("#schedule-cron")).isEqualTo("0 6 * * *");
        assertThat(previewRuns()).hasSize(5).allSatisfy(run -> assertThat(run).contains(" 06:00 +0"));
        assertThat(css("#schedule-cron-error").isDisplayed()).isFalse();
        assertThat(cron.getAttribute("aria-invalid")).isEqualTo("false");

        zone.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE);
        awaitPreview("error");
        assertThat(text("#schedule-timezone-error")).startsWith("timezone 'Europe/Ber' is not a time zone");
        assertThat(css("#schedule-cron-error").isDisplayed()).as("the message sits under the field it names").isFalse();
        type(zone, "lin");
        awaitPreview("ok");
        long typed = (NAME + "Europe/Berlin0 2 * * *0 25 * * *6 * * *lin").length();
        assertThat(((Number) js("return window.__previews")).longValue())
                .as("asked once typing pauses, not on every key").isPositive().isLessThan(typed / 2);

        WebElement config = css("#schedule-config");
        config.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        type(config, "{\"hours\": ");
        await().atMost(SHORT).until(() -> css("#schedule-config-error").isDisplayed());
        assertThat(css("#schedule-submit").isEnabled()).isFalse();
        type(config, "2}");
        await().atMost(SHORT).until(() -> css("#schedule-submit").isEnabled());
        WebElement publish = css("#schedule-publish-as");
        type(publish, "morning out");
        assertThat(text("#schedule-publish-as-error")).startsWith("A name is 1 to 100 letters");
        assertThat(publish.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(css("#schedule-submit").isEnabled()).isFalse();
        publish.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        type(publish, PUBLISH);
        assertThat(css("#schedule-publish-as-error").isDisplayed()).isFalse();
        assertThat(css("#schedule-submit").isEnabled()).isTrue();

        css("#schedule-submit").click();
        await().atMost(SHORT).until(() -> !css("#schedule-dialog").isDisplayed());
        await().atMost(SHORT).until(ScheduleCardBrowserTest::listed);
        scheduleId = (String) js("return document.querySelector(arguments[0]).dataset.schedule", ROW);
        JsonNode stored = schedule();
        assertThat(stored.get("cron").asText()).isEqualTo("0 6 * * *");
        assertThat(stored.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(stored.get("config").get("hours").asInt()).isEqualTo(2);
        assertThat(stored.get("followLatest").asBoolean()).isTrue();
        assertThat(stored.get("publishAs").asText()).isEqualTo(PUBLISH);
        String settings = "#schedules-table tr[data-detail='" + scheduleId + "'] [data-role=settings]";
        await().atMost(SHORT).until(() -> textOf(settings).contains("publishes its outputs as " + PUBLISH));
        assertThat(cell("model")).isEqualTo(FILE + " v1");
        assertThat(cell("timing")).isEqualTo("0 6 * * *\nEurope/Berlin");
        assertThat(cell("state")).isEqualTo("Active");
        assertThat(cell("next-run")).matches("(?s)\\w{3} \\d{4}-\\d\\d-\\d\\d 06:00 \\+0[12]:00\\s+in .*");
        assertThat(cell("last-job")).isEqualTo("none yet");
    }

    @Test
    @Order(2)
    void pauseStopsItsRunsAndResumeBringsThemBack() {
        clickInRow("pause");
        await().atMost(SHORT).until(() -> cell("state").equals("Paused"));
        assertThat(cell("next-run")).isEqualTo("paused");
        assertThat(schedule().get("enabled").asBoolean()).isFalse();

        clickInRow("resume");
        await().atMost(SHORT).until(() -> cell("state").equals("Active"));
        assertThat(cell("next-run")).contains("06:00");
        assertThat(schedule().get("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void aChangeTheServerRefusesKeepsTheFormAndSaysWhy() {
        clickInRow("edit");
        await().atMost(SHORT).until(() -> css("#schedule-dialog").isDisplayed() && value("#schedule-cron").equals("0 6 * * *"));
        assertThat(text("#schedule-dialog-title")).isEqualTo("Change " + NAME);
        awaitPreview("ok");
        type(css("#schedule-deadline"), "2 hours");
        css("#schedule-submit").click();
        await().atMost(SHORT).until(() -> css("#schedule-dialog-error").isDisplayed());
        assertThat(text("#schedule-dialog-error")).contains("deadline must be an ISO-8601 duration");
        assertThat(css("#schedule-dialog").isDisplayed()).isTrue();
        assertThat(value("#schedule-name")).isEqualTo(NAME);
        assertThat(value("#schedule-cron")).isEqualTo("0 6 * * *");
        assertThat(value("#schedule-deadline")).isEqualTo("2 hours");

        css("#schedule-deadline").sendKeys(Keys.chord(Keys.CONTROL, "a"), "PT2H");
        css("#schedule-submit").click();
        await().atMost(SHORT).until(() -> !css("#schedule-dialog").isDisplayed());
        assertThat(schedule().get("deadline").asText()).isEqualTo("PT2H");
        assertThat(schedule().get("config").get("hours").asInt()).as("the rest as it was").isEqualTo(2);
        assertThat(schedule().get("publishAs").asText()).isEqualTo(PUBLISH);
    }

    @Test
    @Order(4)
    void runNowStartsAJobThatCarriesTheSchedulesBadge() throws IOException {
        clickInRow("run-now");
        await().atMost(SHORT).until(() -> jobsOfSchedule().size() == 1);
        String jobId = jobsOfSchedule().get(0).get("jobId").asText();
        assertThat(api.awaitEnded(jobId, LONG).get("status").asText()).isEqualTo("success");

        await().atMost(SHORT).until(() -> textOf("#results-job").startsWith("Job " + jobId)
                && ("⏱ " + NAME).equals(textOf("#results-job [data-role=schedule]")));
        await().atMost(SHORT).until(() -> cell("last-job").startsWith("Success"));
        String published = "#results-lineage[data-job='" + jobId + "'] [data-role=published]";
        await().atMost(SHORT).until(() -> textOf(published).equals("Published its outputs as " + PUBLISH + " v1"));
        await().atMost(SHORT).until(() -> textOf("#data-table tr[data-name='" + PUBLISH + "'] [data-role=produced-by]")
                .equals("from job " + jobId));
        String history = "#schedules-table tr[data-detail='" + scheduleId + "'] tr[data-job='" + jobId + "']";
        await().atMost(SHORT).until(() -> textOf(history).contains("Success"));
        assertThat(textOf(history)).as("scheduled for the time of asking, in Berlin time").matches("(?s).*\\+0[12]:00.*");

        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        try {
            String badge = "#history-table tr[data-job='" + jobId + "'] [data-role=schedule]";
            await().atMost(SHORT).until(() -> ("⏱ " + NAME).equals(textOf(badge)));
            assertThat(css(badge).getAttribute("title")).startsWith("Started by schedule \"" + NAME + "\" for ")
                    .matches(".*\\+0[12]:00");
        } finally {
            browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
        }
    }

    @Test
    @Order(5)
    void firingsSkippedWhileTheLastJobRanAreCountedWithTheirReasons() throws IOException {
        String slow = api.uploadModel("schedule_card_slow_so.py", "import time\ntime.sleep(2)\n", "SO");
        Api.Response created = api.postJson("/api/optimization/schedules", """
                {"name": "every second %s", "modelId": "%s", "cron": "* * * * * *"}""".formatted(SUFFIX, slow));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        skippingId = created.json().at("/schedule/id").asText();
        await().atMost(SHORT).until(() -> api.get("/api/optimization/schedules/" + skippingId).json()
                .at("/schedule/skipped").size() >= 1);
        api.post("/api/optimization/schedules/" + skippingId + "/pause");
        css("#schedules-refresh").click(); // paused over the API: no event says so

        String other = "#schedules-table tr[data-schedule='" + skippingId + "']";
        await().atMost(SHORT).until(() -> textOf(other + " [data-role=state]").equals("Paused"));
        String skipped = other + " [data-role=show-skipped]";
        await().atMost(SHORT).until(() -> textOf(skipped).matches("\\d+ skipped"));
        click(skipped);
        String reasons = "#schedules-table tr[data-detail='" + skippingId + "'] [data-role=skipped]";
        await().atMost(SHORT).until(() -> !textOf(reasons).isEmpty());
        assertThat(textOf(reasons)).contains("still runs (overlap: skip)").contains("+00:00");

        js("document.getElementById('notifications').hidden = true;"
                + "document.getElementById('schedules-card').scrollIntoView({ block: 'start' });");
        try {
            screenshot("sandbox-schedules.png", css("#schedules-card"));
        } finally {
            js("document.getElementById('notifications').hidden = false;");
        }
    }

    @Test
    @Order(6)
    void deleteAsksFirstThenTheScheduleIsGone() {
        clickInRow("delete");
        await().atMost(SHORT).until(() -> css("#confirm-dialog").isDisplayed());
        assertThat(text("#confirm-dialog-text")).contains(NAME).contains("the jobs it started stay");
        assertThat(text("#confirm-dialog-ok")).isEqualTo("Delete");
        css("#confirm-dialog-cancel").click();
        assertThat(listed()).as("Cancel keeps it").isTrue();

        clickInRow("delete");
        await().atMost(SHORT).until(() -> css("#confirm-dialog").isDisplayed());
        css("#confirm-dialog-ok").click();
        await().atMost(SHORT).until(() -> !listed());
        assertThat(api.get("/api/optimization/schedules/" + scheduleId).status()).isEqualTo(404);
        assertThat(api.get("/api/optimization/jobs?scheduleId=" + scheduleId).json().get("jobs")).as("its jobs stay").hasSize(1);
        scheduleId = null;
    }

    // ---- helpers

    /** Types text one key at a time, as a person does (each key its own input event). */
    private static void type(WebElement field, String text) {
        for (char c : text.toCharArray()) {
            field.sendKeys(String.valueOf(c));
        }
    }

    private static void countPreviewRequests() {
        js("window.__previews = 0;"
                + "const original = window.fetch;"
                + "window.fetch = function (url) {"
                + "  if (String(url).includes('/schedules/preview')) window.__previews++;"
                + "  return original.apply(this, arguments);"
                + "};");
    }

    /** Waits until the preview shows the fields as they are now: its runs ("ok") or a message ("error"). */
    private static void awaitPreview(String state) {
        await().atMost(SHORT).until(() -> state.equals(css("#schedule-preview").getAttribute("data-state")));
    }

    private static java.util.List<String> previewRuns() {
        return browser.findElements(By.cssSelector("#schedule-preview li[data-at]")).stream().map(WebElement::getText).toList();
    }

    private static String value(String selector) {
        return String.valueOf(css(selector).getDomProperty("value"));
    }

    private static boolean listed() {
        return !browser.findElements(By.cssSelector(ROW)).isEmpty();
    }

    /** The text of the first element that matches, read in one step (the list is redrawn as jobs come and go); '' when none. */
    private static String textOf(String selector) {
        Object text = js("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", selector);
        return String.valueOf(text);
    }

    private static String cell(String role) {
        return textOf(ROW + " [data-role=" + role + "]");
    }

    private static void clickInRow(String role) {
        click(ROW + " button[data-role=" + role + "]");
    }

    /** Clicks what matches, found again when a redraw replaced it between finding and clicking. */
    private static void click(String selector) {
        for (int attempt = 1; ; attempt++) {
            try {
                css(selector).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static JsonNode schedule() {
        return api.get("/api/optimization/schedules/" + scheduleId).json().get("schedule");
    }

    private static java.util.List<JsonNode> jobsOfSchedule() {
        java.util.List<JsonNode> jobs = new java.util.ArrayList<>();
        api.get("/api/optimization/jobs?scheduleId=" + scheduleId).json().get("jobs").forEach(jobs::add);
        return jobs;
    }
}
