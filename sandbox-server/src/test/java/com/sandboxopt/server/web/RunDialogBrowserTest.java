package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The run dialog in a real headless chromium: "Run…" opens it prefilled with the
 * model's CONFIG_DEFAULTS, broken JSON disables Run with a message, a run with an edited config, a data
 * source and a runtime stores all three on the job, "Run again" on a finished job starts a new job with
 * the same settings, and a job whose model was archived offers the file's latest active version.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class RunDialogBrowserTest extends PageTest {
    private static final String FILE = "rundialog_settings_rmo.py";
    private static final String DATA = "rundialog-data";
    private static final String MODEL = "CONFIG_DEFAULTS = {\"hours\": 24, \"label\": \"day ahead\"}\n"
            + "import sandbox\nprint('config', sandbox.config)\n";

    private static String modelId;
    private static String dataSourceId;
    private static String editedJob;

    @BeforeAll
    static void openThePage() throws IOException {
        Api.Response upload = api.upload(FILE, MODEL.getBytes(StandardCharsets.UTF_8), "RMO", "run dialog test", "cpython");
        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        modelId = upload.json().at("/model/id").asText();
        dataSourceId = api.dataSource(DATA, Api.Part.file("prices.csv", "hour,price\n1,40\n")).get("id").asText();
        open("/sandbox");
        await().atMost(LONG).until(() -> text("[data-type=RMO] .model").endsWith("_" + FILE)
                && !browser.findElements(By.cssSelector("#run-data-source option[value='" + DATA + "']")).isEmpty());
    }

    @Test
    @Order(1)
    void runOpensTheDialogPrefilledWithTheModelsDefaults() throws IOException {
        css("[data-type=RMO] [data-role=run-settings]").click();
        await().atMost(LONG).until(() -> css("#run-dialog").isDisplayed());
        assertThat(text("#run-dialog-title")).isEqualTo("Run RMO");
        assertThat(text("#run-dialog [data-role=model]")).startsWith(FILE + " v1");
        assertThat(Api.JSON.readTree(configText())).isEqualTo(Api.JSON.readTree("{\"hours\": 24, \"label\": \"day ahead\"}"));
        assertThat(new Select(css("#run-dialog-data-source")).getFirstSelectedOption().getAttribute("value")).isEmpty();
        assertThat(new Select(css("#run-dialog-data-source")).getOptions()).extracting(o -> o.getAttribute("value"))
                .contains("", DATA, dataSourceId);
        assertThat(new Select(css("#run-runtime")).getFirstSelectedOption().getAttribute("value")).isEqualTo("auto");
        assertThat(css("#run-submit").isEnabled()).isTrue();
        assertThat(css("#run-config-error").isDisplayed()).isFalse();
        screenshot("sandbox-run-dialog.png");
    }

    @Test
    @Order(2)
    void brokenJsonDisablesRunAndSaysWhereResetBringsTheDefaultsBack() throws IOException {
        WebElement config = css("#run-config");
        config.sendKeys("x"); // typed after the closing brace
        await().atMost(LONG).until(() -> css("#run-config-error").isDisplayed());
        assertThat(text("#run-config-error")).startsWith("Not valid JSON at line 4, column 2");
        assertThat(css("#run-submit").isEnabled()).isFalse();
        assertThat(config.getAttribute("aria-invalid")).isEqualTo("true");

        setConfig("[1, 2]");
        assertThat(text("#run-config-error")).isEqualTo("The config must be a JSON object ({ ... }), not an array.");
        assertThat(css("#run-submit").isEnabled()).isFalse();
        setConfig("");
        assertThat(text("#run-config-error")).contains("empty");
        assertThat(css("#run-submit").isEnabled()).isFalse();

        css("#run-reset").click();
        assertThat(Api.JSON.readTree(configText())).isEqualTo(Api.JSON.readTree("{\"hours\": 24, \"label\": \"day ahead\"}"));
        assertThat(css("#run-config-error").isDisplayed()).isFalse();
        assertThat(css("#run-submit").isEnabled()).isTrue();
    }

    @Test
    @Order(3)
    void aRunWithAnEditedConfigDataSourceAndRuntimeStoresThemOnTheJob() {
        holdExecuteRequests();
        setConfig("{\"hours\": 3}");
        new Select(css("#run-dialog-data-source")).selectByValue(DATA);
        new Select(css("#run-runtime")).selectByValue("graalpy");
        List<String> before = jobsOf(modelId);
        css("#run-submit").click();
        assertThat(css("#run-submit").isEnabled()).as("disabled while the request is on its way").isFalse();
        assertThat(text("#run-submit")).isEqualTo("Starting…");
        await().atMost(LONG).until(() -> !css("#run-dialog").isDisplayed());

        List<String> after = jobsOf(modelId);
        after.removeAll(before);
        assertThat(after).as("one new job").hasSize(1);
        editedJob = after.get(0);
        JsonNode job = api.awaitEnded(editedJob, LONG);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("success");
        assertThat(job.get("config")).isEqualTo(Api.JSON.createObjectNode().put("hours", 3));
        assertThat(job.get("dataSourceId").asText()).isEqualTo(dataSourceId);
        assertThat(job.get("runtime").asText()).as("graalpy for this job, though the model runs on CPython").isEqualTo("graalpy");
        assertThat(api.logMessages(editedJob)).anySatisfy(line -> assertThat(line).contains("'hours': 3"));
        await().atMost(LONG).until(() -> browser.findElement(By.cssSelector("[data-type=RMO]")).getAttribute("data-job").equals(editedJob));
    }

    @Test
    @Order(4)
    void runAgainOnAFinishedJobStartsANewJobWithTheSameSettings() {
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        try {
            String again = "#history-table tbody tr[data-job='" + editedJob + "'] [data-role=run-again]";
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(again)).isEmpty());
            css(again).click();
            await().atMost(LONG).until(() -> css("#run-dialog").isDisplayed() && !configText().isEmpty());
            assertThat(browser.findElement(By.id("job-detail")).isDisplayed()).as("not a click on the row").isFalse();
            assertThat(configText().replaceAll("\\s", "")).isEqualTo("{\"hours\":3}");
            assertThat(new Select(css("#run-dialog-data-source")).getFirstSelectedOption().getAttribute("value")).isEqualTo(dataSourceId);
            await().atMost(LONG).until(() -> new Select(css("#run-runtime")).getFirstSelectedOption().getAttribute("value").equals("graalpy"));

            List<String> before = jobsOf(modelId);
            css("#run-submit").click();
            await().atMost(LONG).until(() -> !css("#run-dialog").isDisplayed());
            List<String> after = jobsOf(modelId);
            after.removeAll(before);
            assertThat(after).hasSize(1);
            JsonNode job = api.awaitEnded(after.get(0), LONG);
            assertThat(job.get("config")).isEqualTo(Api.JSON.createObjectNode().put("hours", 3));
            assertThat(job.get("dataSourceId").asText()).isEqualTo(dataSourceId);
            assertThat(job.get("runtime").asText()).isEqualTo("graalpy");

            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) js("return window.__execute.keys");
            assertThat(keys).hasSize(2);
            assertThat(keys.get(0)).as("every run has a key of its own").isNotNull().isNotEqualTo(keys.get(1));

            // the job detail has its Run again too
            browser.findElement(By.cssSelector("#history-table tbody tr[data-job='" + editedJob + "']")).click();
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector("#job-detail [data-role=detail-run-again]")).isEmpty()
                    && text("#job-detail-title").equals(editedJob));
            css("#job-detail [data-role=detail-run-again]").click();
            await().atMost(LONG).until(() -> css("#run-dialog").isDisplayed() && configText().replaceAll("\\s", "").equals("{\"hours\":3}"));
            css("#run-dialog-cancel").click();
            assertThat(css("#run-dialog").isDisplayed()).isFalse();
        } finally {
            browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
        }
    }

    @Test
    @Order(5)
    void runAgainOfAnArchivedModelsJobOffersTheLatestActiveVersion() {
        Api.Response second = api.upload(FILE, MODEL.getBytes(StandardCharsets.UTF_8), "RMO", "second version", null);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        String v2 = second.json().at("/model/id").asText();
        assertThat(second.json().at("/model/version").asInt()).isEqualTo(2);
        assertThat(api.delete("/api/optimization/models/" + modelId).status()).isEqualTo(200);

        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        String again = "#history-table tbody tr[data-job='" + editedJob + "'] [data-role=run-again]";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(again)).isEmpty());
        css(again).click();
        await().atMost(LONG).until(() -> css("#run-dialog").isDisplayed() && css("#run-dialog [data-role=archived]").isDisplayed());
        assertThat(text("#run-dialog [data-role=archived]")).contains(FILE + " v1 is archived").contains("v2");
        assertThat(css("#run-submit").isEnabled()).as("an archived model cannot run").isFalse();
        WebElement useLatest = css("#run-dialog [data-role=use-latest]");
        assertThat(useLatest.getText()).isEqualTo("Use v2 instead");
        useLatest.click();
        assertThat(css("#run-dialog [data-role=archived]").isDisplayed()).isFalse();
        assertThat(text("#run-dialog [data-role=model]")).startsWith(FILE + " v2");
        assertThat(css("#run-submit").isEnabled()).isTrue();

        css("#run-submit").click();
        await().atMost(LONG).until(() -> !css("#run-dialog").isDisplayed());
        await().atMost(LONG).until(() -> jobsOf(v2).size() == 1);
        JsonNode job = api.awaitEnded(jobsOf(v2).get(0), LONG);
        assertThat(job.get("modelId").asText()).isEqualTo(v2);
        assertThat(job.get("config")).isEqualTo(Api.JSON.createObjectNode().put("hours", 3));
        assertThat(job.get("dataSourceId").asText()).isEqualTo(dataSourceId);
        browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
    }

    @Test
    @Order(6)
    void configDefaultsGivenAtUploadAreChecked() throws IOException {
        js("const dt = new DataTransfer();"
                + "dt.items.add(new File([arguments[0]], arguments[1], {type: 'text/x-python'}));"
                + "document.getElementById('drop-zone').dispatchEvent("
                + "new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                "print('no defaults of its own')\n", "rundialog_given_rmo.py");
        new Select(css("#model-type")).selectByValue("RMO");
        assertThat(css("#upload-button").isEnabled()).isTrue();
        css("#config-defaults-box summary").click();
        css("#config-defaults").sendKeys("{\"hours\": ");
        await().atMost(LONG).until(() -> css("#config-defaults-error").isDisplayed());
        assertThat(text("#config-defaults-error")).startsWith("Not valid JSON");
        assertThat(css("#upload-button").isEnabled()).as("broken defaults are not uploaded").isFalse();
        css("#config-defaults").sendKeys("5}");
        await().atMost(LONG).until(() -> !css("#config-defaults-error").isDisplayed() && css("#upload-button").isEnabled());
        css("#upload-button").click();
        await().atMost(LONG).until(() -> text("[data-type=RMO] .model").endsWith("_rundialog_given_rmo.py"));

        css("[data-type=RMO] [data-role=run-settings]").click();
        await().atMost(LONG).until(() -> css("#run-dialog").isDisplayed());
        assertThat(text("#run-dialog [data-role=model]")).startsWith("rundialog_given_rmo.py v1");
        assertThat(Api.JSON.readTree(configText())).isEqualTo(Api.JSON.readTree("{\"hours\": 5}"));
        css("#run-dialog-cancel").click();
    }

    // ---- helpers

    /** Counts the page's execute requests and their keys, each answered 1.5 s late. */
    private static void holdExecuteRequests() {
        js("window.__execute = { keys: [] };"
                + "const original = window.fetch;"
                + "window.fetch = function (url, options) {"
                + "  if (!String(url).endsWith('/execute')) return original.apply(this, arguments);"
                + "  window.__execute.keys.push((options && options.headers && options.headers['Idempotency-Key']) || null);"
                + "  const args = arguments, self = this;"
                + "  return new Promise((resolve) => setTimeout(resolve, 1500)).then(() => original.apply(self, args));"
                + "};");
    }

    private static String configText() {
        return String.valueOf(css("#run-config").getDomProperty("value"));
    }

    private static void setConfig(String value) {
        js("const t = document.getElementById('run-config'); t.value = arguments[0];"
                + "t.dispatchEvent(new Event('input', { bubbles: true }));", value);
    }

    private static List<String> jobsOf(String id) {
        List<String> ids = new ArrayList<>();
        api.get("/api/optimization/jobs?modelId=" + id).json().get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }
}
