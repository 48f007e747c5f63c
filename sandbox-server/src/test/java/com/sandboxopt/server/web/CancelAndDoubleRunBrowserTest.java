package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Models;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The issue "a double-click on Run starts two jobs, and one cannot be stopped", in a real headless
 * chromium: a double-click on Run SO of a {@code while True: pass} model starts one job (one request,
 * with an idempotency key), the Control Center's Cancel stops the job it shows, and the Testing tab's
 * job history cancels any queued or running job, also one started elsewhere (here over the API).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CancelAndDoubleRunBrowserTest extends PageTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private static String foreverModelId;
    private static String doubleClickJob;

    @Test
    @Order(1)
    void aDoubleClickOnRunStartsOneJobAndTheControlCentersCancelStopsIt() {
        dropFile("spin_forever_so.py", Models.FOREVER);
        new Select(browser.findElement(By.id("model-type"))).selectByValue("SO");
        browser.findElement(By.id("upload-button")).click();
        await().atMost(LONG).until(() -> text("[data-type=SO] .model").endsWith("_spin_forever_so.py"));
        foreverModelId = modelIdEndingWith("_spin_forever_so.py");

        // what the page sends to execute, and how many of those requests are still on their way
        js("window.__execute = { keys: [], pending: 0 };"
                + "const original = window.fetch;"
                + "window.fetch = function (url, options) {"
                + "  if (String(url).endsWith('/execute')) {"
                + "    window.__execute.keys.push((options && options.headers && options.headers['Idempotency-Key']) || null);"
                + "    window.__execute.pending++;"
                + "    return original.apply(this, arguments).finally(() => window.__execute.pending--);"
                + "  }"
                + "  return original.apply(this, arguments);"
                + "};");
        WebElement run = button("Run SO");
        assertThat(run.isEnabled()).isTrue();
        try {
            new Actions(browser).doubleClick(run).perform();
            await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=badge]").equals("Running"));
            await().atMost(LONG).until(() -> ((Number) js("return window.__execute.pending")).intValue() == 0);
            doubleClickJob = browser.findElement(By.cssSelector("[data-type=SO]")).getAttribute("data-job");
            assertThat(text("[data-type=SO] [data-role=meta]")).endsWith(" " + doubleClickJob);
            assertThat(jobsOf(foreverModelId)).as("a double-click starts one job").containsExactly(doubleClickJob);
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) js("return window.__execute.keys");
            assertThat(keys).isNotEmpty();
            assertThat(keys).allSatisfy(key -> assertThat(String.valueOf(key)).matches(UUID_PATTERN));
            assertThat(keys).as("a second request of the same click would be a replay").containsOnly(keys.get(0));
            assertThat(run.isEnabled()).as("Run waits for the job to end").isFalse();

            WebElement cancel = browser.findElement(By.cssSelector("[data-type=SO] [data-role=cancel]"));
            assertThat(cancel.isDisplayed()).isTrue();
            cancel.click();
            await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=badge]").equals("Cancelled"));
            assertThat(api.job(doubleClickJob).get("status").asText()).isEqualTo("cancelled");
            assertThat(jobsOf(foreverModelId)).containsExactly(doubleClickJob);
            assertThat(browser.findElement(By.cssSelector("[data-type=SO] [data-role=cancel]")).isDisplayed()).isFalse();
            assertThat(run.isEnabled()).isTrue();
        } finally {
            cancelEverything();
        }
    }

    @Test
    @Order(2)
    void anyQueuedOrRunningJobIsCancelledFromTheJobHistory() throws IOException {
        String sleeperId = api.uploadModel("sleeper_so.py", Models.ticking(100_000, 0.5), "SO");
        List<String> started = new ArrayList<>();
        try {
            // the open server runs two jobs at once: a third one waits in the queue
            String sleeper = api.execute(sleeperId, "{}");
            started.add(sleeper);
            String spinning = api.execute(foreverModelId, "{}");
            started.add(spinning);
            await().atMost(LONG).until(() -> api.job(sleeper).get("status").asText().equals("running")
                    && api.job(spinning).get("status").asText().equals("running"));
            String waiting = api.execute(sleeperId, "{}");
            started.add(waiting);
            assertThat(api.job(waiting).get("status").asText()).isEqualTo("queued");

            browser.findElement(By.cssSelector("[data-tab=testing]")).click();
            for (String jobId : started) {
                await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(cancelOf(jobId))).isEmpty());
            }
            assertThat(text(row(waiting) + " .badge." + "queued")).isEqualTo("Queued");
            assertThat(browser.findElements(By.cssSelector(cancelOf(doubleClickJob)))).as("a finished job has no Cancel").isEmpty();
            assertThat(text(row(doubleClickJob))).contains("Cancelled");
            screenshot("sandbox-history-cancel.png");

            browser.findElement(By.cssSelector(cancelOf(waiting))).click();
            await().atMost(LONG).until(() -> text(row(waiting)).contains("Cancelled"));
            assertThat(browser.findElements(By.cssSelector(cancelOf(waiting)))).isEmpty();
            assertThat(api.job(waiting).get("status").asText()).isEqualTo("cancelled");

            browser.findElement(By.cssSelector(cancelOf(spinning))).click();
            await().atMost(LONG).until(() -> text(row(spinning)).contains("Cancelled"));
            assertThat(browser.findElements(By.cssSelector(cancelOf(spinning)))).isEmpty();
            assertThat(api.job(spinning).get("status").asText()).isEqualTo("cancelled");
            assertThat(api.job(spinning).get("error").asText()).isEqualTo("Cancelled by user");
            assertThat(browser.findElement(By.id("job-detail")).isDisplayed())
                    .as("Cancel is not a click on the row: no job detail opened").isFalse();

            assertThat(api.job(sleeper).get("status").asText()).isEqualTo("running"); // only what was asked for
            assertThat(browser.findElements(By.cssSelector(cancelOf(sleeper)))).hasSize(1);
        } finally {
            cancelEverything();
            browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
        }
    }

    // ---- helpers

    private static String row(String jobId) {
        return "#history-table tbody tr[data-job='" + jobId + "']";
    }

    private static String cancelOf(String jobId) {
        return row(jobId) + " button[data-role=cancel]";
    }

    /** Cancels every queued or running job on the server and waits until they have ended. */
    private static void cancelEverything() {
        List<String> active = new ArrayList<>();
        for (String status : List.of("queued", "running")) {
            api.get("/api/optimization/jobs?status=" + status + "&limit=1000").json().get("jobs")
                    .forEach(job -> active.add(job.get("jobId").asText()));
        }
        for (String jobId : active) {
            api.post("/api/optimization/jobs/" + jobId + "/cancel"); // 409 when it ended meanwhile
        }
        for (String jobId : active) {
            api.awaitEnded(jobId, Duration.ofSeconds(60));
        }
    }

    private static String modelIdEndingWith(String suffix) {
        for (JsonNode model : api.get("/api/optimization/models?modelType=SO").json().get("models")) {
            if (model.get("model_name").asText().endsWith(suffix)) {
                return model.get("id").asText();
            }
        }
        throw new AssertionError("No SO model named *" + suffix);
    }

    private static List<String> jobsOf(String modelId) {
        List<String> ids = new ArrayList<>();
        api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }
}
