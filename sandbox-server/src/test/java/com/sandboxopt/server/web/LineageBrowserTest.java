package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Lineage on the page in a real headless chromium: a run with "Publish outputs as" set in the run dialog
 * makes a data source version that says "from job <id>" in the Data card, a link that shows that job; a
 * second model run on that data source lists the version it read in its job view, and a click on it
 * opens that version in the Data card.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class LineageBrowserTest extends PageTest {
    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final String NAME = "lineage-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String PRODUCER = "import sandbox\n"
            + "with open('output/x.csv', 'w') as f:\n"
            + "    f.write('hour,price\\n1,42.5\\n2,43\\n')\n"
            + "print('wrote output/x.csv')\n";
    private static final String CONSUMER = "import csv\n"
            + "with open('data/x.csv', newline='') as f:\n"
            + "    rows = list(csv.DictReader(f))\n"
            + "print('read', len(rows), 'rows')\n";
    private static final String DATA_ROW = "#data-table tr[data-name='" + NAME + "']";

    private static String producerJob;
    private static String versionId;

    @BeforeAll
    static void openThePage() throws IOException {
        api.uploadModel("lineage_producer_dmo.py", PRODUCER, "DMO");
        api.uploadModel("lineage_consumer_so.py", CONSUMER, "SO");
        open("/sandbox");
        await().atMost(LONG).until(() -> text("[data-type=DMO] .model").endsWith("_lineage_producer_dmo.py")
                && text("[data-type=SO] .model").endsWith("_lineage_consumer_so.py"));
    }

    @Test
    @Order(1)
    void aRunPublishedFromTheRunDialogMakesAVersionThatLinksToItsJob() {
        css("[data-type=DMO] [data-role=run-settings]").click();
        await().atMost(SHORT).until(() -> css("#run-dialog").isDisplayed());
        WebElement publishAs = css("#run-publish-as");
        assertThat(publishAs.getDomProperty("value")).as("optional, empty to start").isEmpty();
        publishAs.sendKeys("-" + NAME);
        assertThat(text("#run-publish-as-error")).startsWith("A name is 1 to 100 letters");
        assertThat(css("#run-submit").isEnabled()).isFalse();
        publishAs.sendKeys(Keys.HOME, Keys.DELETE);
        assertThat(css("#run-publish-as-error").isDisplayed()).isFalse();
        assertThat(css("#run-submit").isEnabled()).isTrue();
        css("#run-submit").click();
        await().atMost(SHORT).until(() -> !css("#run-dialog").isDisplayed());

        await().atMost(LONG).until(() -> text("[data-type=DMO] [data-role=badge]").equals("Success"));
        producerJob = css("[data-type=DMO]").getAttribute("data-job");
        JsonNode job = api.job(producerJob);
        assertThat(job.get("publishAs").asText()).isEqualTo(NAME);
        JsonNode version = api.get("/api/optimization/data-sources/" + NAME).json().get("dataSource");
        assertThat(version.get("producedBy").asText()).isEqualTo(producerJob);
        versionId = version.get("id").asText();

        String from = DATA_ROW + " [data-role=produced-by]";
        await("the Data card reading the list again when a job ends").atMost(SHORT)
                .until(() -> !browser.findElements(By.cssSelector(from)).isEmpty());
        assertThat(texts(DATA_ROW + " td").subList(0, 3)).containsExactly(NAME, "v1", "1 file");
        assertThat(text(from)).isEqualTo("from job " + producerJob);
        css(from).click();
        await().atMost(SHORT).until(() -> text("#results-job").startsWith("Job " + producerJob + ": success"));
        assertThat(css(DATA_ROW).getAttribute("aria-expanded")).as("the link, not a click on the row").isEqualTo("false");
        String published = "#results-lineage[data-job='" + producerJob + "'] [data-role=published]";
        await().atMost(SHORT).until(() -> !browser.findElements(By.cssSelector(published + " a")).isEmpty());
        assertThat(text(published)).isEqualTo("Published its outputs as " + NAME + " v1");
        assertThat(text("#results-lineage [data-role=read]")).isEqualTo("Read no data source");
    }

    @Test
    @Order(2)
    void aJobRunOnThatDataSourceListsTheVersionItReadAndOpensIt() throws IOException {
        await().atMost(SHORT).until(() -> !browser.findElements(
                By.cssSelector("#run-data-source option[value='" + NAME + "']")).isEmpty());
        new Select(css("#run-data-source")).selectByValue(NAME);
        button("Run SO").click();
        await().atMost(LONG).until(() -> text("[data-type=SO] [data-role=badge]").equals("Success"));
        String consumerJob = css("[data-type=SO]").getAttribute("data-job");
        assertThat(api.job(consumerJob).get("dataSourceId").asText()).isEqualTo(versionId);
        assertThat(api.logMessages(consumerJob)).contains("read 2 rows");

        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        try {
            String row = "#history-table tbody tr[data-job='" + consumerJob + "']";
            await().atMost(SHORT).until(() -> !browser.findElements(By.cssSelector(row)).isEmpty());
            css(row).click();
            String read = "#job-detail-lineage[data-job='" + consumerJob + "'] [data-role=read]";
            await().atMost(SHORT).until(() -> !browser.findElements(By.cssSelector(read + " a")).isEmpty());
            assertThat(text(read)).isEqualTo("Read " + NAME + " v1");
            WebElement link = css(read + " [data-role=data-source-link]");
            assertThat(link.getAttribute("data-id")).isEqualTo(versionId);
            assertThat(link.getAttribute("title")).startsWith(versionId);
            link.click();
        } finally {
            if (css("#tab-testing").isDisplayed()) {
                browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
            }
        }
        String version = "#data-table tr[data-id='" + versionId + "']";
        await().atMost(SHORT).until(() -> css("#tab-optimization").isDisplayed()
                && "true".equals(css(version).getAttribute("aria-expanded")));
        assertThat(text("#data-table tr[data-detail='" + versionId + "']")).contains("x.csv");

        new Select(css("#results-picker")).selectByValue(consumerJob);
        String inResults = "#results-lineage[data-job='" + consumerJob + "'] [data-role=read]";
        await().atMost(SHORT).until(() -> !browser.findElements(By.cssSelector(inResults + " a")).isEmpty());
        assertThat(text(inResults)).isEqualTo("Read " + NAME + " v1");
        assertThat(browser.findElements(By.cssSelector("#results-lineage [data-role=published]"))).as("it published nothing").isEmpty();

        js("document.getElementById('notifications').hidden = true;"
                + "document.getElementById('data-card').scrollIntoView({ block: 'start' });");
        try {
            screenshot("sandbox-lineage.png", css("#data-card"));
        } finally {
            js("document.getElementById('notifications').hidden = false;");
        }
    }

    private static java.util.List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
    }
}
