package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Data card and a job's view in a real headless chromium: upload a CSV data source through the
 * file picker (and a file by drag and drop), see it listed with a preview of its first rows, run a
 * model on it, and read the job's data source, artifacts and result table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataPageBrowserTest extends PageTest {
    private static final String MARKET = "hour,price_eur_mwh,note\n"
            + "1,45.5,\"cheap, solar\"\n"
            + "2,47.25,\"<b>bold</b> stays text\"\n"
            + "3,51,\"two\nlines\"\n";
    private static final String NAME = "web-market-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String MODEL = "import csv, os, sandbox\n"
            + "with open('data/market.csv', newline='') as f:\n"
            + "    rows = list(csv.DictReader(f))\n"
            + "print('read', len(rows), 'rows of', sorted(os.listdir('data')))\n"
            + "with open('output/summary.csv', 'w') as f:\n"
            + "    f.write('hour,price_x2\\n' + ''.join(f\"{r['hour']},{float(r['price_eur_mwh']) * 2}\\n\" for r in rows))\n"
            + "sandbox.result({'rows': len(rows), 'source': sandbox.data_source['name'],\n"
            + "                'prices': [{'hour': int(r['hour']), 'price': float(r['price_eur_mwh'])} for r in rows]})\n";

    private static Path files;

    @BeforeAll
    static void makeAFolderForTheFiles() throws IOException {
        files = Files.createTempDirectory("sandbox-data-files");
    }

    @Test
    @Order(1)
    void aCsvDataSourceUploadedOnThePageIsListedWithAPreviewOfItsRows() throws IOException {
        Path market = Files.writeString(files.resolve("market.csv"), MARKET);
        Path units = Files.writeString(files.resolve("units.json"), "{\"G1\": 200}");
        WebElement input = browser.findElement(By.id("data-file-input"));
        js("arguments[0].hidden = false", input); // Selenium types paths into a file input it can see
        input.sendKeys(market.toAbsolutePath() + "\n" + units.toAbsolutePath());
        js("arguments[0].hidden = true", input);
        dropFile("data-drop-zone", "notes.txt", "dropped on the card");

        assertThat(texts("#data-files li span")).containsExactly("market.csv · 96 B", "units.json · 11 B", "notes.txt · 19 B");
        assertThat(browser.findElement(By.id("data-name")).getAttribute("value")).isEqualTo("market");
        WebElement name = browser.findElement(By.id("data-name"));
        name.clear();
        name.sendKeys(NAME);
        browser.findElement(By.id("data-description")).sendKeys("prices for the browser test");
        browser.findElement(By.id("data-upload-button")).click();

        await().atMost(LONG).until(() -> text("#notifications").contains("Uploaded data source " + NAME + " v1 (3 files"));
        String row = "#data-table tr[data-name='" + NAME + "']";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row)).isEmpty());
        List<String> cells = texts(row + " td");
        assertThat(cells.subList(0, 5)).containsExactly(NAME, "v1", "3 files", "126 B", "Active");
        String preview = "#data-table tr.detail table.csv-preview";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(preview + " tbody tr")).isEmpty());
        assertThat(texts(preview + " thead th")).containsExactly("hour", "price_eur_mwh", "note");
        assertThat(texts(preview + " tbody tr:first-child td")).containsExactly("1", "45.5", "cheap, solar");
        assertThat(texts(preview + " tbody tr:nth-child(2) td")).contains("<b>bold</b> stays text");
        assertThat(browser.findElements(By.cssSelector(preview + " b"))).as("file content is never HTML").isEmpty();
        assertThat(browser.findElements(By.cssSelector(preview + " tbody tr"))).hasSize(3);

        List<WebElement> links = browser.findElements(By.cssSelector("#data-table tr.detail a[data-role=download]"));
        assertThat(links).extracting(WebElement::getText).containsExactly("market.csv", "units.json", "notes.txt");
        links.get(0).click();
        Path saved = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded("market.csv"), f -> f != null);
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).isEqualTo(MARKET);

        Select choice = new Select(browser.findElement(By.id("run-data-source")));
        assertThat(choice.getOptions()).extracting(o -> o.getAttribute("value")).contains("", NAME);
        screenshot("sandbox-data.png");
    }

    @Test
    @Order(2)
    void aModelRunOnTheChosenDataSourceShowsItsDataSourceArtifactsAndResultTable() throws IOException {
        dropFile("drop-zone", "market_summary_so.py", MODEL);
        new Select(browser.findElement(By.id("model-type"))).selectByValue("SO");
        browser.findElement(By.id("upload-button")).click();
        await().atMost(LONG).until(() -> text("[data-type=SO] .model").endsWith("_market_summary_so.py"));

        new Select(browser.findElement(By.id("run-data-source"))).selectByValue(NAME);
        button("Run SO").click();
        await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=badge]").equals("Success"));
        String meta = text("[data-type=SO] [data-role=meta]");
        String jobId = meta.substring(meta.lastIndexOf(' ') + 1);
        JsonNode source = api.get("/api/optimization/data-sources/" + NAME).json().get("dataSource");
        assertThat(api.job(jobId).get("dataSourceId").asText()).isEqualTo(source.get("id").asText());
        await().atMost(LONG).until(() -> text("#log-view").contains("read 3 rows of ['market.csv', 'notes.txt', 'units.json']"));

        String view = "#result-details[data-job='" + jobId + "']";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(view + " [data-role=result] table")).isEmpty());
        String lineage = "#results-lineage[data-job='" + jobId + "']";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(lineage + " [data-role=data-source-link]")).isEmpty());
        assertThat(text(lineage + " [data-role=read]")).isEqualTo("Read " + NAME + " v1");
        assertThat(css(lineage + " [data-role=data-source-link]").getAttribute("data-id")).isEqualTo(source.get("id").asText());
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(view + " [data-role=artifacts] a[data-role=download]")).isEmpty());
        WebElement artifact = browser.findElement(By.cssSelector(view + " [data-role=artifacts] a[data-role=download]"));
        assertThat(artifact.getText()).isEqualTo("summary.csv");
        assertThat(artifact.getAttribute("href")).endsWith("/api/optimization/jobs/" + jobId + "/artifacts/summary.csv");
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(view + " table.csv-preview tbody tr")).isEmpty());
        assertThat(texts(view + " table.csv-preview thead th")).containsExactly("hour", "price_x2");
        assertThat(texts(view + " table.csv-preview tbody tr:first-child td")).containsExactly("1", "91.0");

        String result = view + " [data-role=result]";
        assertThat(texts(result + " table.key-value tbody tr td:first-child")).containsExactly("rows", "source");
        assertThat(texts(result + " table.key-value tbody tr td:last-child")).containsExactly("3", NAME);
        assertThat(texts(result + " h4")).containsExactly("prices (3)");
        List<WebElement> tables = browser.findElements(By.cssSelector(result + " table"));
        assertThat(tables).hasSize(2);
        assertThat(tables.get(1).findElements(By.cssSelector("thead th"))).extracting(WebElement::getText)
                .containsExactly("hour", "price");
        assertThat(tables.get(1).findElements(By.cssSelector("tbody tr:nth-child(2) td"))).extracting(WebElement::getText)
                .containsExactly("2", "47.25");
        browser.findElement(By.cssSelector(result + " [data-role=raw-toggle]")).click();
        assertThat(text(result + " [data-role=raw]")).contains("\"prices\": [").contains("\"rows\": 3");
        assertThat(browser.findElement(By.cssSelector(result + " .result-tables")).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector(result + " [data-role=raw-toggle]")).click();
        assertThat(browser.findElement(By.cssSelector(result + " .result-tables")).isDisplayed()).isTrue();
        js("document.getElementById('results').scrollIntoView()");
        screenshot("sandbox-job-view.png");

        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        try {
            await().atMost(LONG).until(() -> text("#history-table tbody tr:first-child").contains(jobId));
            browser.findElement(By.cssSelector("#history-table tbody tr:first-child")).click();
            String detail = "#job-detail-view[data-job='" + jobId + "']";
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(detail + " [data-role=artifacts] a")).isEmpty());
            assertThat(text(detail + " [data-role=artifacts]")).contains("summary.csv");
            String read = "#job-detail-lineage[data-job='" + jobId + "'] [data-role=read]";
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(read + " a")).isEmpty());
            assertThat(text(read)).isEqualTo("Read " + NAME + " v1");
            browser.findElement(By.cssSelector(read + " [data-role=data-source-link]")).click(); // back to the Data card
            await().atMost(LONG).until(() -> browser.findElement(By.id("tab-optimization")).isDisplayed());
            await().atMost(LONG).until(() -> "true".equals(browser.findElement(
                    By.cssSelector("#data-table tr[data-name='" + NAME + "']")).getAttribute("aria-expanded")));
        } finally {
            browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
        }
    }

    @Test
    @Order(3)
    void archivingADataSourceTakesItOutOfTheChoiceForRuns() {
        String row = "#data-table tr[data-name='" + NAME + "']";
        browser.findElement(By.cssSelector(row + " [data-role=archive]")).click();

        await().atMost(LONG).until(() -> text("#notifications").contains("Archived " + NAME + " v1"));
        await().atMost(LONG).until(() -> new Select(browser.findElement(By.id("run-data-source"))).getOptions().stream()
                .noneMatch(o -> NAME.equals(o.getAttribute("value"))));
        assertThat(api.get("/api/optimization/data-sources/" + NAME).json().at("/dataSource/status").asText()).isEqualTo("archived");
        browser.findElement(By.id("data-show-archived")).click();
        await().atMost(LONG).until(() -> texts(row + " td").contains("Archived"));
    }

    // ---- helpers

    private static void dropFile(String zone, String name, String content) {
        js("const dt = new DataTransfer();"
                + "dt.items.add(new File([arguments[0]], arguments[1]));"
                + "document.getElementById(arguments[2]).dispatchEvent("
                + "new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));", content, name, zone);
    }

    private static Path downloaded(String name) throws IOException {
        try (Stream<Path> all = Files.list(downloads)) {
            return all.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }

    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
    }
}
