package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * The Experiments tab in a real headless chromium, on a server of its own: two versions of a tiny model compared in an
 * experiment made in the dialog (two config inputs, 2 repetitions, a no-worse-min rule on objective with tolerance 1);
 * a config that is not a JSON object is refused before sending and a model archived meanwhile by the server, with its
 * text, the form kept; the experiment fills in while watched and ends with the values in a table of inputs by
 * versions, the second version's cells red with their delta, each linking to its job (shown in Results); the failures
 * listed, the chart's bars, the name (markup) as text; the CSV download with every summary row; then Cancel, asked
 * first, on a running experiment of a model that loops forever; polling stops while another tab is shown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class ExperimentsTabBrowserTest extends PageTest {
    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final String MODEL = "import sandbox\nx = sandbox.config.get('x', 0)\n"
            + "sandbox.result({'objective': x * 10 + BONUS})\n";
    private static final String NAME = "bonus <b>check</b>";

    private static EmbeddedServer server;
    private static String v1;
    private static String v2;
    private static String experimentId;
    private static String foreverId;

    @BeforeAll
    static void startTheServerAndThePage() throws IOException {
        server = TestServers.startOwn("experiments-tab", Map.of("sandbox.pool-size", 2));
        api = TestServers.api(server);
        v1 = api.uploadModel("exp_tab.py", "BONUS = 0\n" + MODEL, "DMO");
        v2 = api.uploadModel("exp_tab.py", "BONUS = 2\n" + MODEL, "DMO");
        open("/sandbox");
    }

    @AfterAll
    static void stop() {
        try {
            if (foreverId != null) {
                api.post("/api/optimization/experiments/" + foreverId + "/cancel");
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void anExperimentMadeInTheDialogFillsInAndShowsItsVerdictsPerInputAndVersion() throws IOException {
        String archived = api.uploadModel("exp_tab_old.py", "BONUS = 5\n" + MODEL, "DMO");
        css(".tab[data-tab=experiments]").click();
        await().atMost(SHORT).until(() -> css("#experiments-empty").isDisplayed());
        css("#experiment-new").click();
        await().atMost(SHORT).until(() -> css("#experiment-dialog").isDisplayed() && !checkboxes().isEmpty());
        assertThat(text("#experiment-models")).contains("exp_tab.py (DMO)").contains("v1").contains("v2");

        css("#experiment-name").sendKeys(NAME);
        modelBox(v1).click();
        modelBox(v2).click();
        modelBox(archived).click();
        assertThat(new Select(css("#experiment-baseline")).getFirstSelectedOption().getAttribute("value"))
                .as("the first version picked is the baseline").isEqualTo(v1);
        css("#experiment-add-input").click();
        css("#experiment-add-input").click();
        List<WebElement> inputs = browser.findElements(By.cssSelector("#experiment-config-inputs [data-role=config-input]"));
        fill(inputs.get(0), "input-name", "mon");
        fill(inputs.get(0), "input-config", "[1]");
        fill(inputs.get(1), "input-name", "tue");
        fill(inputs.get(1), "input-config", "{\"x\": 2}");
        assertThat(text("#experiment-config-inputs [data-role=input-config-error]")).contains("must be a JSON object");
        css("#experiment-repetitions").sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
        css("#experiment-add-rule").click();
        WebElement rule = css("#experiment-rules [data-role=rule]");
        fill(rule, "rule-metric", "objective");
        new Select(rule.findElement(By.cssSelector("[data-role=rule-direction]"))).selectByValue("no-worse-min");
        fill(rule, "rule-tolerance", "1");
        assertThat(text("#experiment-run-count")).isEqualTo("3 versions × 2 inputs × 2 repetitions = 12 runs");

        css("#experiment-submit").click();
        await().atMost(SHORT).until(() -> css("#experiment-dialog-error").isDisplayed());
        assertThat(text("#experiment-dialog-error")).startsWith("The config of input mon: The config must be a JSON object");
        assertThat(experiments()).as("nothing was sent").isEmpty();

        fill(inputs.get(0), "input-config", "{\"x\": 1}");
        assertThat(api.delete("/api/optimization/models/" + archived).status()).isEqualTo(200); // archived meanwhile
        css("#experiment-submit").click();
        await().atMost(SHORT).until(() -> text("#experiment-dialog-error").startsWith("Could not create the experiment: "));
        assertThat(text("#experiment-dialog-error")).as("the server's text").containsIgnoringCase("archived");
        assertThat(css("#experiment-dialog").isDisplayed()).as("the form stays").isTrue();
        assertThat(css("#experiment-name").getDomProperty("value")).isEqualTo(NAME);
        assertThat(experiments()).isEmpty();

        modelBox(archived).click();
        css("#experiment-submit").click();
        await().atMost(SHORT).until(() -> !css("#experiment-dialog").isDisplayed());
        await().atMost(SHORT).until(() -> !experiments().isEmpty());
        experimentId = experiments().get(0).get("id").asText();
        JsonNode sent = experiments().get(0);
        assertThat(sent.get("repetitions").asInt()).isEqualTo(2);
        assertThat(sent.get("baseline").asText()).isEqualTo(v1);
        assertThat(sent.at("/inputs/0/config/x").asInt()).isEqualTo(1);
        assertThat(sent.at("/acceptance/0/tolerance").asDouble()).isEqualTo(1.0);

        String detail = "#experiment-detail[data-experiment='" + experimentId + "']";
        await().atMost(SHORT).until(() -> isShown(detail));
        assertThat(text("#experiment-progress-text")).contains("/8 runs");
        await().atMost(LONG).until(() -> "completed".equals(css("#experiment-detail").getAttribute("data-status")));
        assertThat(text("#experiment-progress-text")).isEqualTo("8/8 runs");
        assertThat(text("#experiment-title")).isEqualTo(NAME);
        assertThat(text("#experiment-meta [data-role=passed]")).isEqualTo("Failed");
        assertThat(text("#experiment-meta [data-role=reproducible]")).isEqualTo("reproducible: yes");
        assertThat(browser.findElements(By.cssSelector("#tab-experiments b"))).as("the name's markup stays text").isEmpty();

        assertThat(new Select(css("#experiment-metric")).getFirstSelectedOption().getText()).isEqualTo("objective");
        assertThat(cellValue(v1, "mon")).isEqualTo("10");
        assertThat(cellValue(v1, "tue")).isEqualTo("20");
        assertThat(cellValue(v2, "mon")).isEqualTo("12");
        assertThat(cellValue(v2, "tue")).isEqualTo("22");
        assertThat(cell(v1, "mon").getAttribute("class")).isEqualTo("verdict-pass");
        assertThat(cell(v2, "mon").getAttribute("class")).isEqualTo("verdict-fail");
        assertThat(cell(v2, "tue").getAttribute("class")).isEqualTo("verdict-fail");
        assertThat(cell(v2, "mon").getCssValue("box-shadow")).as("marked in the theme's red").contains("rgb(185, 28, 28)");
        assertThat(cell(v1, "mon").getCssValue("box-shadow")).as("green").contains("rgb(21, 128, 61)");
        assertThat(text(cellSelector(v2, "mon") + " [data-role=delta]")).isEqualTo("+2 (+20%)");
        assertThat(text("#experiment-failures")).contains("objective on input mon").contains("model " + v2);
        assertThat(css("#experiment-difference").isDisplayed()).isFalse();
        assertThat(css("#experiment-chart").getAttribute("data-bars")).isEqualTo("4");
        String row = "#experiments-table tr[data-experiment='" + experimentId + "']";
        assertThat(text(row + " [data-role=passed]")).isEqualTo("Failed");
        assertThat(text(row + " [data-role=runs]")).isEqualTo("8/8");
        assertThat(text(row + " [data-role=reproducible]")).isEqualTo("yes");
        assertThat(text(row + " td")).isEqualTo(NAME);

        js("document.getElementById('notifications').hidden = true; window.scrollTo(0, 0);");
        try {
            screenshot("sandbox-experiments.png");
        } finally {
            js("document.getElementById('notifications').hidden = false;");
        }

        String jobId = css(cellSelector(v2, "mon") + " a[data-role=value]").getAttribute("data-job");
        assertThat(api.job(jobId).get("experimentId").asText()).isEqualTo(experimentId);
        assertThat(api.job(jobId).get("modelId").asText()).isEqualTo(v2);
        css(cellSelector(v2, "mon") + " a[data-role=value]").click();
        await().atMost(SHORT).until(() -> css("#tab-optimization").isDisplayed() && text("#results-job").startsWith("Job " + jobId));
        css(".tab[data-tab=experiments]").click();
        await().atMost(SHORT).until(() -> isShown(detail));
    }

    @Test
    @Order(2)
    void theCsvDownloadHasEveryRowOfTheSummary() throws IOException {
        css("#experiment-csv").click();
        Path file = await().atMost(SHORT).until(ExperimentsTabBrowserTest::downloadedCsv, f -> f != null);
        assertThat(file.getFileName().toString()).isEqualTo("experiment-bonus-b-check-b-" + experimentId + ".csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        JsonNode summary = api.get("/api/optimization/experiments/" + experimentId).json().at("/experiment/summary");
        assertThat(lines.get(0)).isEqualTo("modelId,input,metric,value,baseline,delta,relative,verdict");
        assertThat(lines).hasSize(summary.size() + 1)
                .contains(v2 + ",mon,objective,12,10,2,0.2,fail", v1 + ",mon,objective,10,10,0,0,pass")
                .anySatisfy(line -> assertThat(line).startsWith(v1 + ",tue,duration_ms,"));
    }

    @Test
    @Order(3)
    void aRunningExperimentIsPolledWhileShownAndCancelledAfterTheQuestion() {
        String forever = api.uploadModel("exp_tab_forever.py", Models.FOREVER, "SO");
        Api.Response created = api.postJson("/api/optimization/experiments", """
                {"name": "forever", "models": ["%s"], "inputs": [{"name": "a"}]}""".formatted(forever));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        foreverId = created.json().at("/experiment/id").asText();
        css("#experiments-refresh").click();
        String row = "#experiments-table tr[data-experiment='" + foreverId + "']";
        await().atMost(SHORT).until(() -> isShown(row + " button[data-role=cancel]"));
        assertThat(text(row + " [data-role=status]")).isEqualTo("Running");
        assertThat(text(row + " [data-role=passed]")).isEqualTo("Pending");
        click(row + " td");
        await().atMost(SHORT).until(() -> isShown("#experiment-detail[data-experiment='" + foreverId + "']"));

        countExperimentRequests();
        await().atMost(SHORT).until(() -> requests() >= 2); // every 2 s while it runs
        css(".tab[data-tab=testing]").click();
        sleep(500); // an answer on its way may still come
        js("window.__experimentRequests = 0");
        await().during(Duration.ofMillis(4500)).atMost(Duration.ofSeconds(6))
                .until(() -> requests() == 0); // no polling while another tab is shown, for two periods and more
        css(".tab[data-tab=experiments]").click();
        await().atMost(SHORT).until(() -> isShown(row + " button[data-role=cancel]"));

        click(row + " button[data-role=cancel]");
        await().atMost(SHORT).until(() -> css("#confirm-dialog").isDisplayed());
        assertThat(text("#confirm-dialog-text")).contains("forever").contains("those that ended stay");
        css("#confirm-dialog-cancel").click();
        assertThat(api.get("/api/optimization/experiments/" + foreverId).json().at("/experiment/status").asText())
                .as("Cancel keeps it running").isEqualTo("running");
        click(row + " button[data-role=cancel]");
        await().atMost(SHORT).until(() -> css("#confirm-dialog").isDisplayed());
        css("#confirm-dialog-ok").click();
        await().atMost(SHORT).until(() -> text(row + " [data-role=status]").equals("Cancelled"));
        assertThat(browser.findElements(By.cssSelector(row + " button[data-role=cancel]"))).isEmpty();
        await().atMost(SHORT).until(() -> "cancelled".equals(css("#experiment-detail").getAttribute("data-status")));
        JsonNode experiment = api.get("/api/optimization/experiments/" + foreverId).json().get("experiment");
        assertThat(experiment.get("status").asText()).isEqualTo("cancelled");
        experiment.get("runs").forEach(run -> assertThat(api.awaitEnded(run.get("jobId").asText(), SHORT)
                .get("status").asText()).isEqualTo("cancelled"));
        foreverId = null;
    }

    // ---- helpers

    private static List<JsonNode> experiments() {
        List<JsonNode> all = new java.util.ArrayList<>();
        api.get("/api/optimization/experiments").json().get("experiments").forEach(all::add);
        return all;
    }

    private static List<WebElement> checkboxes() {
        return browser.findElements(By.cssSelector("#experiment-models input[name=experiment-model]"));
    }

    private static WebElement modelBox(String id) {
        return css("#experiment-models input[value='" + id + "']");
    }

    /** Puts text in the field of role in row, replacing what was there. */
    private static void fill(WebElement row, String role, String text) {
        WebElement field = row.findElement(By.cssSelector("[data-role=" + role + "]"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        field.sendKeys(text);
    }

    private static String cellSelector(String model, String input) {
        return "#experiment-table td[data-model='" + model + "'][data-input='" + input + "']";
    }

    private static WebElement cell(String model, String input) {
        return css(cellSelector(model, input));
    }

    private static String cellValue(String model, String input) {
        return text(cellSelector(model, input) + " [data-role=value]");
    }

    private static void countExperimentRequests() {
        js("window.__experimentRequests = 0;"
                + "const original = window.fetch;"
                + "window.fetch = function (url) {"
                + "  if (String(url).includes('/experiments')) window.__experimentRequests++;"
                + "  return original.apply(this, arguments);"
                + "};");
    }

    private static long requests() {
        return ((Number) js("return window.__experimentRequests")).longValue();
    }

    private static Path downloadedCsv() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        }
    }

    private static boolean isShown(String selector) {
        return Boolean.TRUE.equals(js("const e = document.querySelector(arguments[0]);"
                + "return Boolean(e && e.offsetParent !== null);", selector));
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }




}
