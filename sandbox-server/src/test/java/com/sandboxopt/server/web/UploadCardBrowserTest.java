package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Upload Model card in a real headless chromium: what the server refuses shows in the card itself
 * (a syntax error with its line, column and the line under a caret; a file without statements), and a
 * cancel the user asked for is a note, not a red error.
 */
class UploadCardBrowserTest extends PageTest {
    @BeforeEach
    void noNotifications() {
        js("document.getElementById('notifications').replaceChildren()");
    }

    @Test
    void aSyntaxErrorShowsInTheCardWithLineColumnAndTheLineUnderACaret() throws IOException {
        dropFile("broken_dmo.py", "x = 1\n\ny = = 2\nprint(y)\n");
        browser.findElement(By.id("upload-button")).click();

        await().atMost(LONG).until(() -> browser.findElement(By.id("upload-outcome")).isDisplayed());
        assertThat(browser.findElement(By.id("upload-outcome")).getAttribute("class")).isEqualTo("inline-error");
        assertThat(text("#upload-outcome [data-role=message]"))
                .startsWith("Python syntax error in broken_dmo.py at line 3, column 5");
        assertThat(text("#upload-outcome [data-role=where]")).isEqualTo("Line 3, column 5");
        assertThat(js("return document.querySelector('#upload-outcome [data-role=snippet]').textContent"))
                .isEqualTo("3 | y = = 2\n  |     ^");
        assertThat(text("#notifications")).contains("Upload failed"); // the toast too, not only it
        assertThat(browser.findElement(By.id("upload-button")).isEnabled()).as("the file can be sent again").isTrue();
        screenshot("sandbox-upload-syntax-error.png", browser.findElement(By.id("upload-card")));

        dropFile("tabs_so.py", "def f():\n\treturn (1,\n");
        assertThat(browser.findElement(By.id("upload-outcome")).isDisplayed()).as("a new file clears it").isFalse();
        browser.findElement(By.id("upload-button")).click();
        await().atMost(LONG).until(() -> browser.findElement(By.id("upload-outcome")).isDisplayed());
        String snippet = (String) js("return document.querySelector('#upload-outcome [data-role=snippet]').textContent");
        assertThat(snippet).startsWith("2 | \treturn (1,\n  | \t").endsWith("^");
        assertThat(api.get("/api/optimization/models").text()).doesNotContain("broken_dmo.py").doesNotContain("tabs_so.py");
    }

    @Test
    void aFileWithoutStatementsIsRefusedInTheCard() {
        dropFile("notes_so.py", "# the model goes here\n\n# later\n");
        browser.findElement(By.id("upload-button")).click();

        await().atMost(LONG).until(() -> browser.findElement(By.id("upload-outcome")).isDisplayed());
        assertThat(text("#upload-outcome [data-role=message]"))
                .isEqualTo("notes_so.py has no Python statements (only comments or blank lines): upload the model's code");
        assertThat(browser.findElements(By.cssSelector("#upload-outcome [data-role=snippet]"))).isEmpty();
    }

    @Test
    void aCancelledUploadIsANoteNotAnError() {
        dropFile("cancel_so.py", "print('never mind')\n");
        // Upload, then Cancel while the request is on its way (one script: the page has not heard back yet)
        js("document.getElementById('upload-button').click();"
                + "if (document.getElementById('upload-cancel').hidden) throw new Error('no Cancel during the upload');"
                + "document.getElementById('upload-cancel').click();");

        await().atMost(LONG).until(() -> browser.findElement(By.id("upload-outcome")).isDisplayed());
        assertThat(text("#upload-outcome")).startsWith("Upload of cancel_so.py cancelled.");
        assertThat(browser.findElement(By.id("upload-outcome")).getAttribute("class")).isEqualTo("inline-note");
        assertThat(js("return getComputedStyle(document.getElementById('upload-outcome')).color"))
                .isNotEqualTo(js("return getComputedStyle(document.getElementById('file-error')).color"));
        assertThat(browser.findElements(By.cssSelector("#notifications .notification.error"))).isEmpty();
        assertThat(browser.findElement(By.id("upload-cancel")).isDisplayed()).isFalse();
        assertThat(text("#upload-button")).isEqualTo("Upload Model");
        assertThat(browser.findElement(By.id("upload-button")).isEnabled()).isTrue();
        // a small file may reach the server before the cancel: then the page archives what it stored, and says so
        await().atMost(LONG).pollDelay(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(activeModelsNamed("cancel_so.py")).as(text("#upload-outcome")).isZero());
        if (text("#upload-outcome").contains("already reached the server")) {
            assertThat(text("#upload-outcome")).contains("so that version was archived");
        }
    }

    @Test
    void aCancelAfterTheFileArrivedArchivesWhatTheServerStored() {
        // the answer is held back until the cancel: the server has the whole file and stores it meanwhile
        js("const realFetch = window.fetch;"
                + "window.fetch = (url, options = {}) => String(url).includes('/upload') && options.signal"
                + "  ? realFetch(url, {...options, signal: undefined}).then(() => new Promise((resolve, reject) =>"
                + "      options.signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')))))"
                + "  : realFetch(url, options);");
        try {
            dropFile("late_cancel_so.py", "print('arrived')\n");
            browser.findElement(By.id("upload-button")).click();
            await().atMost(LONG).until(() -> activeModelsNamed("late_cancel_so.py") == 1);

            browser.findElement(By.id("upload-cancel")).click();

            await().atMost(LONG).until(() -> text("#upload-outcome").contains("already reached the server"));
            assertThat(text("#upload-outcome")).startsWith("Upload of late_cancel_so.py cancelled.")
                    .contains("so that version was archived").contains("Restore it in the Models table");
            assertThat(activeModelsNamed("late_cancel_so.py")).isZero();
            assertThat(browser.findElements(By.cssSelector("#notifications .notification.error"))).isEmpty();
        } finally {
            browser.navigate().refresh(); // the page's own fetch again, for the tests after this one
            await().atMost(LONG).until(() -> browser.findElement(By.id("connection")).getText().trim().equals("Connected"));
        }
    }

    private static int activeModelsNamed(String fileName) {
        int count = 0;
        for (com.fasterxml.jackson.databind.JsonNode model
                : api.get("/api/optimization/models?modelType=SO&status=active").json().get("models")) {
            count += model.get("file_name").asText().equals(fileName) ? 1 : 0;
        }
        return count;
    }

    @Test
    void aFileJustOverTheLimitIsRefusedInExactBytes() {
        js("const dt = new DataTransfer();"
                + "dt.items.add(new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big_so.py', {type: 'text/x-python'}));"
                + "document.getElementById('drop-zone').dispatchEvent("
                + "new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));");

        assertThat(text("#file-error")).isEqualTo("big_so.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB).");
        assertThat(browser.findElement(By.id("upload-button")).isEnabled()).isFalse();
    }
}
