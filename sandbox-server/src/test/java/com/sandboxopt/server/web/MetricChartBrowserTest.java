package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The Results chart in a real headless chromium: metrics of very different scale get a chart each,
 * axis labels are SI-formatted, each metric's latest value is written out, and the charts take the
 * theme's colours when it changes.
 */
class MetricChartBrowserTest extends PageTest {
    private static final String MODEL = "import sandbox\n"
            + "for step in range(5):\n"
            + "    sandbox.metric('cost', 66_393_090 + 1_000 * step, step=step)\n"
            + "    sandbox.metric('price', 45.2 + step, step=step)\n";

    @Test
    void metricsOfDifferentScaleGetAChartEachWithReadableAxesAndValues() throws IOException {
        String modelId = api.uploadModel("two_scales.py", MODEL, "RMO");
        String jobId = api.execute(modelId, "{}");

        // the charts are this job's (the page may have shown an earlier one first)
        await().atMost(LONG).until(() -> jobId.equals(browser.findElement(By.id("metric-chart")).getAttribute("data-runs"))
                && panels().size() == 2
                && panels().stream().allMatch(p -> p.getText().contains("at step 4")));
        assertThat(panels()).extracting(p -> p.getAttribute("data-metric")).containsExactly("cost", "price");
        assertThat(panels().get(0).findElement(By.className("metric-value")).getText()).isEqualTo("66.4M at step 4");
        assertThat(panels().get(1).findElement(By.className("metric-value")).getText()).isEqualTo("49.2 at step 4");
        assertThat(panels()).allSatisfy(p -> assertThat(p.findElements(By.tagName("canvas"))).isNotEmpty());
        Object formatted = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/sandbox/chart.js').then(m => done([66393090, 1500, 0.25, 0, -2500000].map(m.siFormat)));");
        assertThat(formatted).isEqualTo(List.of("66.39M", "1.5k", "0.25", "0", "-2.5M"));

        String before = panels().get(0).getAttribute("data-axis-colour");
        browser.findElement(By.id("theme-toggle")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !panels().get(0).getAttribute("data-axis-colour").equals(before));
        String bodyText = (String) js(
                "return getComputedStyle(document.documentElement).getPropertyValue('--text').trim()");
        assertThat(panels()).allSatisfy(p -> assertThat(p.getAttribute("data-axis-colour")).isEqualTo(bodyText));
        js("document.getElementById('metric-chart').scrollIntoView({block: 'center'})");
        screenshot("sandbox-metrics.png");
        browser.findElement(By.id("theme-toggle")).click();
    }

    private static List<WebElement> panels() {
        return browser.findElements(By.cssSelector("#metric-chart .metric-panel"));
    }
}
