package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The five-minute check of the page (a new user uploads, runs and watches a model) and the rest of it, in a real headless chromium. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class WebPageBrowserTest extends PageTest {
    @BeforeAll
    static void openThePage() throws IOException {
        open("/"); // "/" leads to /sandbox
    }

    @Test
    @Order(1)
    void fiveMinuteCheckUploadRunWatchLogsAndSeeSuccess() throws IOException {
        assertThat(browser.getCurrentUrl()).endsWith("/sandbox");
        assertThat(text("h1")).isEqualTo("Sandbox Environment");
        assertThat(text(".subtitle")).isEqualTo("Test and run optimization models in isolated env");
        assertThat(browser.findElement(By.id("connection")).getAttribute("class")).contains("up");

        dropFile("sample_dmo_model.py", Files.readString(Path.of("..", "models", "sample_dmo_model.py")));
        assertThat(text("#file-info")).startsWith("sample_dmo_model.py ·").contains("KiB");
        assertThat(new Select(browser.findElement(By.id("model-type"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("DMO");
        browser.findElement(By.id("upload-button")).click();
        await().atMost(LONG).until(() -> text("#notifications").contains("Uploaded DMO_"));
        await().atMost(LONG).until(() -> text("[data-type=DMO] .model").endsWith("_sample_dmo_model.py"));

        button("Run DMO").click();
        await().atMost(LONG).until(() -> text("[data-type=DMO] [data-role=badge]").equals("Success"));

        String jobId = lastJobId("DMO");
        List<Long> seqs = seqsOf(jobId);
        assertThat(seqs).isNotEmpty();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        String logText = text("#log-view");
        assertThat(logText.indexOf("Starting DMO optimization")).isNotNegative()
                .isLessThan(logText.indexOf("Optimization converged after"));
        assertThat(logText.indexOf("Optimization converged after")).isLessThan(logText.indexOf("DMO optimization completed successfully"));
        assertThat(browser.findElement(By.id("connection")).getAttribute("class")).contains("up");
        String result = "#result-details[data-job='" + jobId + "'] [data-role=result]";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(result + " table.key-value")).isEmpty());
        assertThat(text(result + " table.key-value")).contains("welfare");
        browser.findElement(By.cssSelector(result + " [data-role=raw-toggle]")).click();
        assertThat(text(result + " [data-role=raw]")).contains("\"welfare\"");
        browser.findElement(By.cssSelector(result + " [data-role=raw-toggle]")).click();
        js("window.scrollTo(0, 0)"); // the overview, not where the last click scrolled
        screenshot("sandbox-light.png");
        browser.findElement(By.id("theme-toggle")).click();
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        screenshot("sandbox-dark.png");
        browser.findElement(By.id("theme-toggle")).click();
    }

    @Test
    @Order(2)
    void syntaxErrorUploadShowsLineAndColumn() {
        dropFile("broken_model.py", "x = 1\n\ny = = 2\n");
        browser.findElement(By.id("upload-button")).click();

        await().atMost(LONG).until(() -> text("#notifications").contains("Upload failed"));
        assertThat(text("#notifications")).contains("line 3").contains("column");
    }

    @Test
    @Order(3)
    void notAPythonFileIsRefusedBeforeUpload() {
        dropFile("notes.txt", "hello");

        assertThat(text("#file-error")).contains("not a Python file");
        assertThat(browser.findElement(By.id("upload-button")).isEnabled()).isFalse();
    }

    @Test
    @Order(4)
    void levelFilterHidesLinesAndDownloadSavesTheVisibleLines() throws IOException {
        uploadThroughThePage("levels_rmo.py", "RMO",
                "import logging\nfor i in range(5):\n    print('info line', i)\n    logging.warning('warn line %d', i)\n");
        button("Run RMO").click();
        await().atMost(LONG).until(() -> text("[data-type=RMO] [data-role=badge]").equals("Success"));
        String jobId = lastJobId("RMO");
        await().atMost(LONG).until(() -> seqsOf(jobId).size() == 10);

        new Select(browser.findElement(By.id("filter-level"))).selectByValue("WARNING");
        List<WebElement> rows = browser.findElements(By.cssSelector("#log-view .log-line"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getAttribute("class")).contains("WARNING"));
        assertThat(text("#log-view")).doesNotContain("info line");

        button("Download").click();
        Path file = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(), f -> f != null);
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(saved).contains("WARNING [RMO " + jobId + "] warn line 4").doesNotContain("info line");

        new Select(browser.findElement(By.id("filter-level"))).selectByValue("");
        assertThat(text("#log-view")).contains("info line 4");
    }

    @Test
    @Order(5)
    void aDroppedConnectionTurnsRedAndNoLineIsMissingOnceBack() {
        uploadThroughThePage("slow_so_model.py", "SO",
                "import time\nfor i in range(40):\n    print('tick', i, flush=True)\n    time.sleep(0.05)\n");
        button("Run SO").click();
        await().atMost(LONG).until(() -> text("#log-view").contains("tick 3"));
        String jobId = lastJobId("SO");

        js("window.sandboxPage.socket.suspend()");
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#connection").equals("Disconnected"));
        assertThat(browser.findElement(By.id("connection")).getAttribute("class")).contains("down");
        await().atMost(LONG).until(() -> "success".equals(api.job(jobId).path("status").asText()));

        js("window.sandboxPage.socket.resume()");
        await().atMost(LONG).until(() -> text("#connection").equals("Connected"));
        await().atMost(LONG).until(() -> seqsOf(jobId).size() == 40);
        List<Long> seqs = seqsOf(jobId);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=badge]").equals("Success"));
    }

    @Test
    @Order(6)
    void testingTabListsJobsAndOpensTheirStoredLog() {
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector("#history-table tbody tr")).isEmpty());
        browser.findElements(By.cssSelector("#history-table tbody tr")).get(0).click();

        await().atMost(LONG).until(() -> text("#job-detail-log").contains("tick 39"));
        assertThat(browser.findElements(By.cssSelector("#model-table tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
        browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
    }

    @Test
    @Order(7)
    void pageFitsAPhoneWidth() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
            screenshot("sandbox-phone.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    @Test
    @Order(8)
    void aNumpyModelUploadedForCPythonShowsItsRuntimeAndRunsThere() throws IOException {
        Select runtime = new Select(browser.findElement(By.id("model-runtime")));
        assertThat(runtime.getOptions()).extracting(WebElement::getText).containsExactly("Auto (default)", "GraalPy", "CPython");
        assertThat(runtime.getFirstSelectedOption().getAttribute("value")).isEqualTo("auto");
        WebElement cpython = browser.findElement(By.cssSelector("#model-runtime option[value=cpython]"));
        await().atMost(LONG).until(() -> cpython.getAttribute("title").startsWith("CPython 3."));
        assertThat(cpython.isEnabled()).isTrue();

        runtime.selectByValue("cpython");
        uploadThroughThePage("numpy_so_model.py", "SO", "import numpy as np\nprint('numpy sum', int(np.arange(5).sum()))\n");
        WebElement badge = browser.findElement(By.cssSelector("[data-type=SO] [data-role=runtime]"));
        assertThat(badge.getText()).isEqualTo("CPython");
        assertThat(badge.getAttribute("title")).contains("cpython was asked for");

        button("Run SO").click();
        await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=badge]").equals("Success"));
        await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=meta]").contains(" · CPython · "));
        assertThat(text("#log-view")).contains("numpy sum 10");
        screenshot("sandbox-cpython.png");

        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        try {
            await().atMost(LONG).until(() -> text("#history-table tbody tr:first-child").contains(lastJobId("SO")));
            assertThat(text("#history-table tbody tr:first-child [data-role=runtime]")).isEqualTo("CPython");
            WebElement modelRow = browser.findElements(By.cssSelector("#model-table tbody tr")).stream()
                    .filter(row -> row.getText().contains("_numpy_so_model.py")).findFirst().orElseThrow();
            assertThat(modelRow.findElement(By.cssSelector("[data-role=runtime]")).getText()).isEqualTo("CPython");
        } finally {
            browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
        }
    }

    // ---- helpers

    private static void uploadThroughThePage(String name, String type, String source) {
        dropFile(name, source);
        new Select(browser.findElement(By.id("model-type"))).selectByValue(type);
        browser.findElement(By.id("upload-button")).click();
        await().atMost(LONG).until(() -> text("[data-type=" + type + "] .model").endsWith("_" + name));
    }

    private static String lastJobId(String type) {
        String meta = text("[data-type=" + type + "] [data-role=meta]");
        return meta.substring(meta.lastIndexOf(' ') + 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> seqsOf(String jobId) {
        return ((List<Object>) js("return Array.from(document.querySelectorAll('#log-view .log-line'))"
                + ".filter(r => r.dataset.job === arguments[0]).map(r => Number(r.dataset.seq));", jobId))
                .stream().map(n -> ((Number) n).longValue()).toList();
    }

    private static Path downloaded() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElse(null);
        }
    }
}
