package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.server.support.Models;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Testing tab in a real headless chromium: its job history follows the socket's job events (a job
 * started over the API appears with its model name, and its row turns Success when it ends, without
 * Refresh), the job whose detail is open is highlighted and stays so across reloads, and a filter that
 * matches nothing says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestingTabBrowserTest extends PageTest {
    private static final List<String> TYPES = List.of("DMO", "RMO", "SO");
    private static final List<String> ENDED = List.of("timed_out", "cancelled", "failed", "success");

    private static String jobId;

    @Test
    @Order(1)
    void aJobStartedOverTheApiAppearsWithItsModelAndEndsWithoutRefresh() throws IOException {
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector("#history-table tbody tr")).isEmpty());
        // Refresh is never clicked here: this records it if it were
        js("document.getElementById('history-refresh').addEventListener('click', () => { window.__refreshed = true; });");

        String modelId = api.uploadModel("history_ticks_so.py", Models.ticking(10, 0.4), "SO");
        jobId = api.execute(modelId, "{}");
        String modelName = api.job(jobId).get("modelName").asText();
        assertThat(modelName).endsWith("history_ticks_so.py");

        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row(jobId))).isEmpty());
        assertThat(text(row(jobId) + " [data-role=model]")).isEqualTo(modelName);
        assertThat(browser.findElement(By.cssSelector(row(jobId) + " [data-role=model]")).getAttribute("title"))
                .isEqualTo(modelName);
        assertThat(browser.findElements(By.cssSelector("#history-table thead th")).get(1).getText()).isEqualTo("Model");

        api.awaitEnded(jobId, LONG);
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row(jobId) + " .badge.success")).isEmpty());
        assertThat(text(row(jobId) + " .badge.success")).isEqualTo("Success");
        await().atMost(LONG).until(() -> text(row(jobId) + " [data-role=duration]").endsWith(" s"));
        assertThat(browser.findElements(By.cssSelector(row(jobId) + " button[data-role=cancel]"))).isEmpty();
        assertThat(js("return window.__refreshed === true")).as("Refresh was not clicked").isEqualTo(false);
    }

    @Test
    @Order(2)
    void theOpenJobsRowIsHighlightedAlsoAfterAReload() throws IOException {
        browser.findElement(By.cssSelector(row(jobId))).click();
        await().atMost(LONG).until(() -> text("#job-detail-title").equals(jobId));
        assertThat(classOf(row(jobId))).contains("selected");
        assertThat(browser.findElements(By.cssSelector("#history-table tbody tr.selected"))).hasSize(1);
        assertThat(js("return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", row(jobId)))
                .as("a visible highlight").isNotEqualTo("rgba(0, 0, 0, 0)");
        screenshot("sandbox-history-selected.png");

        // a reload (another job ending, or Refresh) keeps the highlight, on a row that is in view
        js("document.querySelector('#history-table tbody').replaceChildren(); window.scrollTo(0, document.body.scrollHeight);");
        browser.findElement(By.id("history-refresh")).click();
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row(jobId) + ".selected")).isEmpty());
        assertThat((Boolean) js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return r.top >= 0 && r.bottom <= window.innerHeight;", row(jobId))).as("scrolled into view").isTrue();
    }

    @Test
    @Order(3)
    void aFilterThatMatchesNothingSaysSo() {
        String[] none = typeAndStatusWithoutJobs();
        new Select(browser.findElement(By.id("history-type"))).selectByValue(none[0]);
        new Select(browser.findElement(By.id("history-status"))).selectByValue(none[1]);
        try {
            await().atMost(LONG).until(() -> browser.findElements(By.cssSelector("#history-table tbody tr")).size() == 1
                    && !browser.findElements(By.cssSelector("#history-table tbody tr.empty")).isEmpty());
            assertThat(text("#history-table tbody tr.empty")).isEqualTo("No job matches these filters");
            assertThat(browser.findElement(By.cssSelector("#history-table tbody tr.empty td")).getAttribute("colspan"))
                    .isEqualTo(String.valueOf(browser.findElements(By.cssSelector("#history-table thead th")).size()));
        } finally {
            new Select(browser.findElement(By.id("history-type"))).selectByValue("");
            new Select(browser.findElement(By.id("history-status"))).selectByValue("");
        }
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row(jobId) + ".selected")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#history-table tbody tr.empty"))).isEmpty();
        browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
    }

    // ---- helpers

    /** A model type and an ended status that no job on the (shared) server has together. */
    private static String[] typeAndStatusWithoutJobs() {
        for (String status : ENDED) {
            for (String type : TYPES) {
                if (api.get("/api/optimization/jobs?modelType=" + type + "&status=" + status + "&limit=1")
                        .json().get("jobs").isEmpty()) {
                    return new String[] {type, status};
                }
            }
        }
        throw new AssertionError("Every model type has jobs of every ended status on this server");
    }

    private static String row(String id) {
        return "#history-table tbody tr[data-job='" + id + "']";
    }

    private static String classOf(String css) {
        return browser.findElement(By.cssSelector(css)).getAttribute("class");
    }
}
