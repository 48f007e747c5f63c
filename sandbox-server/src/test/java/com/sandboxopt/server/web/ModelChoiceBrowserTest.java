package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
 * Which model runs, in a real headless chromium: two uploads of one file name show
 * as v1 and v2 with v2 chosen, choosing v1 runs v1 and survives a reload, Source shows the file as
 * text, and archiving asks first, can be cancelled, and is undone by the toast's Undo or by Restore.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class ModelChoiceBrowserTest extends PageTest {
    private static final String FILE = "choice_versions_dmo.py";
    private static final String V1 = "# <b>first</b> version & more\nprint('version one')\n";
    private static final String V2 = "print('version two')\n";

    private static String v1;
    private static String v2;

    @BeforeAll
    static void openThePage() throws IOException {
        v1 = api.uploadModel(FILE, V1, "DMO");
        v2 = api.uploadModel(FILE, V2, "DMO");
        open("/sandbox");
    }

    @Test
    @Order(1)
    void twoUploadsOfOneFileShowAsVersionsTheNewestChosen() {
        await().atMost(LONG).until(() -> choice().getOptions().size() >= 2);
        assertThat(choice().getOptions()).extracting(WebElement::getText)
                .startsWith(FILE + " v2 (latest)", FILE + " v1");
        assertThat(choice().getFirstSelectedOption().getAttribute("value")).isEqualTo(v2);
    }

    @Test
    @Order(2)
    void choosingV1RunsV1AndTheChoiceSurvivesAReload() {
        choice().selectByValue(v1);
        css("[data-type=DMO] [data-role=run]").click();
        await().atMost(LONG).until(() -> !jobsOf(v1).isEmpty());
        assertThat(jobsOf(v2)).as("v2 did not run").isEmpty();
        String jobId = jobsOf(v1).get(0);
        assertThat(api.job(jobId).get("modelId").asText()).isEqualTo(v1);
        api.awaitEnded(jobId, LONG);

        browser.navigate().refresh();
        await().atMost(LONG).until(() -> text("#connection").equals("Connected") && choice().getOptions().size() >= 2);
        assertThat(choice().getFirstSelectedOption().getAttribute("value")).as("remembered across reloads").isEqualTo(v1);
        assertThat(choice().getFirstSelectedOption().getText()).isEqualTo(FILE + " v1");
    }

    @Test
    @Order(3)
    void sourceShowsTheModelAsText() {
        css("[data-type=DMO] [data-role=source]").click();
        await().atMost(LONG).until(() -> css("#source-dialog").isDisplayed() && text("#source-dialog-text").contains("version one"));
        assertThat(css("#source-dialog-text").getText()).isEqualTo(V1.strip());
        assertThat(browser.findElements(By.cssSelector("#source-dialog-text b"))).as("model text is never HTML").isEmpty();
        assertThat(text("#source-dialog-title")).isEqualTo(FILE + " v1");
        assertThat(text("#source-dialog-meta")).contains("test").contains("version 1").contains("CPython").contains("uploaded ");
        css("#source-dialog-close").click();
        assertThat(css("#source-dialog").isDisplayed()).isFalse();
    }

    @Test
    @Order(4)
    void archiveAsksCancelKeepsConfirmArchivesAndUndoRestores() {
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        try {
            String row = "#model-table tbody tr[data-model='" + v1 + "']";
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row)).isEmpty());
            assertThat(text(row + " [data-role=version]")).isEqualTo("v1");
            assertThat(text("#model-table tbody tr[data-model='" + v2 + "'] [data-role=version]")).isEqualTo("v2");
            assertThat(browser.findElements(By.cssSelector("#model-table thead th"))).extracting(WebElement::getText)
                    .startsWith("Name", "Version", "Type", "Runtime", "Status", "Uploaded");

            css(row + " [data-role=archive]").click();
            await().atMost(LONG).until(() -> css("#confirm-dialog").isDisplayed());
            assertThat(text("#confirm-dialog-text")).contains(FILE + " v1");
            css("#confirm-dialog-cancel").click();
            assertThat(css("#confirm-dialog").isDisplayed()).isFalse();
            assertThat(status(v1)).as("Cancel keeps it").isEqualTo("active");

            css(row + " [data-role=archive]").click();
            await().atMost(LONG).until(() -> css("#confirm-dialog").isDisplayed());
            css("#confirm-dialog-ok").click();
            await().atMost(LONG).until(() -> status(v1).equals("archived"));
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row + " [data-role=restore]")).isEmpty());
            assertThat(text(row + " [data-role=status]")).as("archived models stay listed").isEqualTo("archived");
            await().atMost(LONG).until(() -> !optionValues().contains(v1));
            assertThat(choice().getFirstSelectedOption().getAttribute("value")).as("the latest runs instead").isEqualTo(v2);

            css("#notifications [data-role=undo]").click();
            await().atMost(LONG).until(() -> status(v1).equals("active"));
            await().atMost(LONG).until(() -> optionValues().contains(v1));
            assertThat(choice().getFirstSelectedOption().getAttribute("value")).as("the remembered choice is back").isEqualTo(v1);
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row + " [data-role=archive]")).isEmpty());

            // archived again, and brought back with the table's Restore
            css(row + " [data-role=archive]").click();
            await().atMost(LONG).until(() -> css("#confirm-dialog").isDisplayed());
            css("#confirm-dialog-ok").click();
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row + " [data-role=restore]")).isEmpty());
            assertThat(status(v1)).isEqualTo("archived");
            css(row + " [data-role=restore]").click();
            await().atMost(LONG).until(() -> status(v1).equals("active"));
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row + " [data-role=archive]")).isEmpty()
                    && optionValues().contains(v1));
        } finally {
            browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
        }
    }

    // ---- helpers

    private static Select choice() {
        return new Select(css("[data-type=DMO] [data-role=model-choice]"));
    }

    private static List<String> optionValues() {
        return choice().getOptions().stream().map(o -> o.getAttribute("value")).toList();
    }

    private static String status(String modelId) {
        return api.get("/api/optimization/models/" + modelId).json().at("/model/status").asText();
    }

    private static List<String> jobsOf(String id) {
        return api.get("/api/optimization/jobs?modelId=" + id).json().findValuesAsText("jobId");
    }
}
