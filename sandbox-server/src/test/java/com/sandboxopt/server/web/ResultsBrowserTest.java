package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Results card in a real headless chromium: a job's metrics (from the stored points), result and
 * artifacts stay after a reload, another job can be picked (and stays picked), two jobs compare side
 * by side (results in a table with the differing key marked, a shared metric's chart with both
 * series), a reload in the middle of a run ends with every point drawn once, and the Testing tab's
 * job detail can show its job in Results.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultsBrowserTest extends PageTest {
    private static final String CHART = "#metric-chart .metric-panel";

    private static String first;
    private static String second;

    /** Five objective points, a result and a CSV under output/; base shifts the numbers. */
    private static String model(int base, String extraMetric) {
        return "import sandbox\n"
                + "for i in range(5):\n"
                + "    sandbox.metric('objective', " + base + " - 3 * i, step=i)\n"
                + (extraMetric == null ? "" : "    sandbox.metric('" + extraMetric + "', i * 0.5, step=i)\n")
                + "with open('output/x.csv', 'w') as f:\n"
                + "    f.write('hour,value\\n1," + base + "\\n')\n"
                + "sandbox.result({'cost': " + base + ".5, 'status': 'ok', 'note': '<b>not bold</b>',"
                + " 'detail': {'units': " + (base / 10) + ", 'solver': 'highs'}})\n";
    }

    @Test
    @Order(1)
    void aFinishedJobsMetricsResultAndArtifactStayAfterAReload() {
        first = run("results_first.py", model(100, null), "RMO");
        reload();

        String view = "#result-details[data-job='" + first + "']";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(view + " [data-role=result] table.key-value")).isEmpty());
        assertThat(text("#results-job")).contains(first);
        assertThat(new Select(browser.findElement(By.id("results-picker"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(first);
        assertThat(text("#results-picker option[value='" + first + "']")).startsWith("RMO · ").contains("results_first.py")
                .contains("success");
        await().atMost(LONG).until(() -> "5".equals(panel("objective").getAttribute("data-points")));
        assertThat(panel("objective").getAttribute("data-received")).isEqualTo(String.valueOf(stored(first, "objective").size()));
        assertThat(panel("objective").findElement(By.className("metric-value")).getText()).isEqualTo("88 at step 4");
        assertThat(text(view + " [data-role=result] table.key-value")).contains("cost").contains("100.5");
        assertThat(text(view + " [data-role=result]")).contains("<b>not bold</b>");
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(view + " [data-role=artifacts] a[data-role=download]")).isEmpty());
        assertThat(text(view + " [data-role=artifacts] a[data-role=download]")).isEqualTo("x.csv");
        assertThat(text(view + " [data-role=usage]")).as("what it used, as the server measured it").startsWith("took ")
                .contains(" · CPU ");
    }

    @Test
    @Order(2)
    void anotherJobCanBePickedAndStaysPickedAfterAReload() {
        second = run("results_second.py", model(90, "spread"), "SO");
        await().atMost(LONG).until(() -> shownJob().equals(second)); // Follow latest
        await().atMost(LONG).until(() -> panels().size() == 2);

        new Select(browser.findElement(By.id("results-picker"))).selectByValue(first);
        await().atMost(LONG).until(() -> shownJob().equals(first) && panels().size() == 1);
        assertThat(browser.findElement(By.id("results-follow")).isSelected()).isFalse();
        reload();
        await().atMost(LONG).until(() -> shownJob().equals(first));
        assertThat(browser.findElement(By.id("results-follow")).isSelected()).isFalse();
        assertThat(browser.getCurrentUrl()).contains("#job=" + first);

        String third = run("results_third.py", model(70, null), "DMO"); // not followed: first is pinned
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector("#results-picker option[value='" + third + "']")).isEmpty());
        assertThat(shownJob()).isEqualTo(first);
        await().atMost(LONG).until(() -> "5".equals(panel("objective").getAttribute("data-points")));
    }

    @Test
    @Order(3)
    void twoJobsCompareSideBySideInATableAndOnEachSharedChart() throws IOException {
        new Select(browser.findElement(By.id("results-compare"))).selectByValue(second);
        String table = "#result-compare[data-jobs='" + first + " " + second + "'] table[data-role=compare-table]";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(table)).isEmpty());
        assertThat(cells(table + " thead th")).containsExactly("Key", first, second, "Difference");
        assertThat(cells(table + " tr[data-key=cost] td")).containsExactly("cost", "100.5", "90.5", "-10");
        assertThat(row(table, "cost").getAttribute("class")).contains("differs");
        assertThat(cells(table + " tr[data-key=status] td")).containsExactly("status", "ok", "ok", "");
        assertThat(row(table, "status").getAttribute("class")).doesNotContain("differs");
        assertThat(cells(table + " tr[data-key='detail.units'] td")).containsExactly("detail.units", "10", "9", "-1");
        assertThat(row(table, "detail.solver").getAttribute("data-differs")).isEqualTo("false");
        assertThat(cells(table + " tr[data-key=note] td")).containsExactly("note", "<b>not bold</b>", "<b>not bold</b>", "");

        await().atMost(LONG).until(() -> panels().size() == 2 && "2".equals(panel("objective").getAttribute("data-series")));
        WebElement objective = panel("objective");
        assertThat(objective.getAttribute("data-points")).isEqualTo("5");
        assertThat(objective.getAttribute("data-compare-points")).isEqualTo("5");
        assertThat(objective.findElements(By.cssSelector(".metric-legend [data-job]")))
                .extracting(e -> e.getAttribute("data-job")).containsExactly(first, second);
        assertThat(objective.findElement(By.cssSelector(".metric-legend")).getText()).contains(first).contains(second)
                .contains("88 at step 4").contains("78 at step 4");
        assertThat(panel("spread").getAttribute("data-series")).isEqualTo("1"); // only the second job reports it

        reload();
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(table)).isEmpty());
        assertThat(new Select(browser.findElement(By.id("results-compare"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(second);
        await().atMost(LONG).until(() -> "2".equals(panel("objective").getAttribute("data-series")));
        js("document.getElementById('results').scrollIntoView()");
        screenshot("sandbox-compare.png");
    }

    @Test
    @Order(4)
    void aReloadInTheMiddleOfARunEndsWithEveryPointOnce() {
        new Select(browser.findElement(By.id("results-compare"))).selectByValue("");
        browser.findElement(By.id("results-follow")).click(); // follow again
        assertThat(browser.findElement(By.id("results-follow")).isSelected()).isTrue();
        String modelId = api.uploadModel("results_ticking.py", "import sandbox, time\n"
                + "for i in range(30):\n"
                + "    sandbox.metric('objective', 1000 - i, step=i)\n"
                + "    sandbox.metric('gap', 1.0 / (i + 1))\n" // no step: drawn by seq
                + "    time.sleep(0.2)\n", "RMO");
        String jobId = api.execute(modelId, "{}");
        await().atMost(LONG).until(() -> shownJob().equals(jobId) && !panels().isEmpty()
                && Integer.parseInt(panel("objective").getAttribute("data-points")) >= 5);
        reload();
        await().atMost(LONG).until(() -> shownJob().equals(jobId));
        assertThat(api.job(jobId).get("status").asText()).isEqualTo("running");
        api.awaitEnded(jobId, LONG);

        List<JsonNode> objective = stored(jobId, "objective");
        List<JsonNode> gap = stored(jobId, "gap");
        assertThat(objective).hasSize(30);
        assertThat(gap).hasSize(30);
        await().atMost(LONG).until(() -> "30".equals(panel("objective").getAttribute("data-points"))
                && "30".equals(panel("gap").getAttribute("data-points")));
        assertThat(panel("objective").getAttribute("data-received")).isEqualTo("30");
        assertThat(panel("gap").getAttribute("data-received")).isEqualTo("30");
        assertThat(series("objective")).isEqualTo(points(objective, "step"));
        assertThat(series("gap")).isEqualTo(points(gap, "seq"));
    }

    @Test
    @Order(5)
    void theTestingTabsJobDetailShowsItsJobInResults() {
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        String historyRow = "#history-table tbody tr[data-job='" + second + "']";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(historyRow)).isEmpty());
        browser.findElement(By.cssSelector(historyRow)).click();
        await().atMost(LONG).until(() -> text("#job-detail-title").equals(second));
        browser.findElement(By.id("job-detail-show-results")).click();

        await().atMost(LONG).until(() -> browser.findElement(By.id("tab-optimization")).isDisplayed());
        await().atMost(LONG).until(() -> shownJob().equals(second));
        assertThat(browser.findElement(By.id("results-follow")).isSelected()).isFalse();
        await().atMost(LONG).until(() -> panels().size() == 2);
    }

    private static String run(String fileName, String source, String type) {
        String jobId = api.execute(api.uploadModel(fileName, source, type), "{}");
        assertThat(api.awaitEnded(jobId, LONG).get("status").asText()).isEqualTo("success");
        return jobId;
    }

    private static void reload() {
        browser.navigate().refresh();
        await().atMost(LONG).until(() -> browser.findElement(By.id("connection")).getText().trim().equals("Connected"));
    }

    private static String shownJob() {
        List<WebElement> view = browser.findElements(By.cssSelector("#result-details:not([hidden])"));
        return view.isEmpty() ? "" : String.valueOf(view.get(0).getAttribute("data-job"));
    }

    /** The job's stored points of one metric, oldest first. */
    private static List<JsonNode> stored(String jobId, String name) {
        List<JsonNode> points = new ArrayList<>();
        api.get("/api/optimization/jobs/" + jobId + "/metrics").json().get("metrics").forEach(point -> {
            if (point.get("name").asText().equals(name)) {
                points.add(point);
            }
        });
        return points;
    }

    private static List<List<Double>> points(List<JsonNode> stored, String x) {
        return stored.stream().map(p -> List.of(p.get(x).asDouble(), p.get("value").asDouble())).toList();
    }

    /** The first run's points of a metric as the chart holds them, as [x, value] sorted by x. */
    @SuppressWarnings("unchecked")
    private static List<List<Double>> series(String name) {
        List<List<Number>> raw = (List<List<Number>>) js("return [...window.sandboxPage.results.chart.panels.get(arguments[0])"
                + ".series[0].entries()].sort((a, b) => a[0] - b[0])", name);
        return raw.stream().map(p -> List.of(p.get(0).doubleValue(), p.get(1).doubleValue())).toList();
    }

    private static List<WebElement> panels() {
        return browser.findElements(By.cssSelector(CHART));
    }

    private static WebElement panel(String metric) {
        return browser.findElement(By.cssSelector(CHART + "[data-metric='" + metric + "']"));
    }

    private static WebElement row(String table, String key) {
        return browser.findElement(By.cssSelector(table + " tr[data-key='" + key + "']"));
    }

    private static List<String> cells(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
    }
}
