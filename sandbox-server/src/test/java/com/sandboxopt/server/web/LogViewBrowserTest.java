package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.server.support.Models;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Live Logs panel with 50,000 lines in a real headless chromium: the last line shows once the job
 * ends, only a window of rows is in the DOM yet every line can be scrolled to, the level filter is a
 * threshold, the count says what is shown, auto-scroll off freezes the view, and the Testing tab's job
 * view pages through the whole stored log. Prints (never asserts) how long the last line took.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogViewBrowserTest extends PageTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final int LINES = 50_000;
    /** Line i is a WARNING when i % 10 == 0, else an ERROR (stderr) when i % 101 == 0, else DEBUG when i % 7 == 0, else INFO. */
    private static final String MANY_LINES = "import sandbox, sys\n"
            + "for i in range(1, " + (LINES + 1) + "):\n"
            + "    if i % 10 == 0:\n"
            + "        sandbox.log('WARNING', 'line %d' % i)\n"
            + "    elif i % 101 == 0:\n"
            + "        print('line %d' % i, file=sys.stderr)\n"
            + "    elif i % 7 == 0:\n"
            + "        sandbox.log('DEBUG', 'line %d' % i)\n"
            + "    else:\n"
            + "        print('line %d' % i)\n";
    private static final int WARNINGS = LINES / 10;
    private static final int ERRORS = LINES / 101 - LINES / 1010;
    private static final int DEBUGS = 6_365; // i % 7 == 0 and neither of the above

    private static String jobId;

    @Test
    @Order(1)
    void fiftyThousandLinesEndWithTheLastLineOnScreenAndFewRowsInTheDom() {
        assertThat(text("#log-view")).isEqualTo("No lines yet.");
        js(MEASURE);
        String modelId = api.uploadModel("many_lines_so.py", MANY_LINES, "SO");
        jobId = api.execute(modelId, "{}");
        assertThat(api.awaitEnded(jobId, LONG).get("status").asText()).isEqualTo("success");

        await().atMost(GENEROUS).until(() -> lineInDom("#log-view", "line " + LINES));
        printMeasurement();
        assertThat(isInView("#log-view", "line " + LINES)).isTrue();
        assertThat(rowCount("#log-view")).isPositive().isLessThan(500);
        await().atMost(GENEROUS).until(() -> text("#log-count").equals("50,000 lines"));
    }

    @Test
    @Order(2)
    void scrollingToTheTopShowsLineOne() {
        js("document.getElementById('log-view').scrollTop = 0");
        await().atMost(GENEROUS).until(() -> isInView("#log-view", "line 1"));
        assertThat(rowCount("#log-view")).isLessThan(500);
        js("const v = document.getElementById('log-view'); v.scrollTop = v.scrollHeight / 2");
        await().atMost(GENEROUS).until(() -> messages("#log-view").contains("line 25000"));
    }

    @Test
    @Order(3)
    void theLevelFilterIsAThresholdAndTheCountSaysWhatIsShown() {
        level("WARNING");
        String expected = String.format("%,d of 50,000 lines shown (WARNING and above)", WARNINGS + ERRORS);
        await().atMost(GENEROUS).until(() -> text("#log-count").equals(expected));
        List<String> levels = levels("#log-view");
        assertThat(levels).isNotEmpty().containsOnly("WARNING", "ERROR").contains("WARNING", "ERROR");
        assertThat(messages("#log-view")).contains("line " + LINES);

        level("ERROR");
        await().atMost(GENEROUS).until(() -> text("#log-count").equals(String.format("%,d of 50,000 lines shown (ERROR)", ERRORS)));
        assertThat(levels("#log-view")).isNotEmpty().containsOnly("ERROR");

        level("INFO");
        String info = String.format("%,d of 50,000 lines shown (INFO and above)", LINES - DEBUGS);
        await().atMost(GENEROUS).until(() -> text("#log-count").equals(info));
        assertThat(levels("#log-view")).contains("INFO", "WARNING").doesNotContain("DEBUG");

        level("");
        await().atMost(GENEROUS).until(() -> text("#log-count").equals("50,000 lines"));
        js("document.getElementById('log-view').scrollTop = 0");
        await().atMost(GENEROUS).until(() -> levels("#log-view").contains("DEBUG"));
    }

    @Test
    @Order(4)
    void aFilterMatchingNothingSaysSoInTheView() {
        level("ERROR");
        new Select(browser.findElement(By.id("filter-type"))).selectByValue("DMO");
        await().atMost(GENEROUS).until(() -> text("#log-view").equals("No matching lines"));
        assertThat(rowCount("#log-view")).isZero();
        assertThat(text("#log-count")).isEqualTo("0 of 50,000 lines shown (ERROR, DMO)");

        new Select(browser.findElement(By.id("filter-type"))).selectByValue("");
        level("");
        await().atMost(GENEROUS).until(() -> rowCount("#log-view") > 0);
        assertThat(text("#log-view")).doesNotContain("No matching lines");
    }

    @Test
    @Order(5)
    void autoScrollOffFreezesTheViewWhileLinesArrive() {
        browser.findElement(By.id("auto-scroll")).click();
        js("const v = document.getElementById('log-view'); v.scrollTop = v.scrollHeight / 3");
        await().atMost(GENEROUS).until(() -> firstInView("#log-view") != null);
        Number scrollTop = (Number) js("return document.getElementById('log-view').scrollTop");
        String first = firstInView("#log-view");

        String slow = api.execute(api.uploadModel("slow_ticks_so.py", Models.ticking(20, 0.05), "SO"), "{}");
        api.awaitEnded(slow, LONG);
        await().atMost(GENEROUS).until(() -> text("#log-count").equals("50,020 lines"));
        assertThat(((Number) js("return document.getElementById('log-view').scrollTop")).doubleValue())
                .isEqualTo(scrollTop.doubleValue());
        assertThat(firstInView("#log-view")).isEqualTo(first);
        assertThat(messages("#log-view")).doesNotContain("tick 19");

        browser.findElement(By.id("auto-scroll")).click();
        await().atMost(GENEROUS).until(() -> isInView("#log-view", "tick 19"));
    }

    @Test
    @Order(6)
    void theTestingTabsJobViewLoadsEveryLine() {
        js("window.__notes = []; new MutationObserver(() => window.__notes.push("
                + "document.getElementById('job-detail-log-count').textContent))"
                + ".observe(document.getElementById('job-detail-log-count'), {childList: true, characterData: true, subtree: true});");
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        String row = "#history-table tbody tr[data-job='" + jobId + "']";
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector(row)).isEmpty());
        browser.findElement(By.cssSelector(row)).click();

        await().atMost(GENEROUS).until(() -> text("#job-detail-log-count").equals("50,000 lines"));
        assertThat(isInView("#job-detail-log", "line 1")).isTrue();
        assertThat(rowCount("#job-detail-log")).isPositive().isLessThan(500);
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) js("return window.__notes");
        assertThat(notes).anySatisfy(note -> assertThat(note).startsWith("Loading the log…").endsWith(" of 50,000 lines"));

        js("const v = document.getElementById('job-detail-log'); v.scrollTop = v.scrollHeight");
        await().atMost(GENEROUS).until(() -> isInView("#job-detail-log", "line " + LINES));
        browser.findElement(By.cssSelector("[data-tab=optimization]")).click();
    }

    // ---- measurement (printed, never asserted)

    /** Records when the job's end reaches the socket, when the last line is in the DOM, and long tasks. */
    private static final String MEASURE = "const m = window.__measure = {longTasks: [], endedAt: null, lastAt: null};"
            + "new PerformanceObserver((list) => { for (const e of list.getEntries()) m.longTasks.push(e.duration); })"
            + ".observe({type: 'longtask'});"
            + "const s = window.sandboxPage.socket; const onEvent = s.onEvent;"
            + "s.onEvent = (event, data) => { if (event === 'optimization:completed' && m.endedAt === null) m.endedAt = performance.now();"
            + " onEvent.call(s, event, data); };"
            + "const poll = () => { const last = [...document.querySelectorAll('#log-view .log-line')]"
            + ".some((r) => r.textContent.endsWith('line " + LINES + "'));"
            + " if (last) m.lastAt = performance.now(); else requestAnimationFrame(poll); };"
            + "requestAnimationFrame(poll);";

    @SuppressWarnings("unchecked")
    private static void printMeasurement() {
        Map<String, Object> m = (Map<String, Object>) js("return window.__measure");
        List<Number> tasks = (List<Number>) m.get("longTasks");
        double max = tasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
        double sum = tasks.stream().mapToDouble(Number::doubleValue).sum();
        Number ended = (Number) m.get("endedAt");
        Number last = (Number) m.get("lastAt");
        System.out.printf("LOGVIEW-MEASURE lines=%d lastLineAfterEndMs=%s longTasks=%d longestMs=%.0f longTaskTotalMs=%.0f%n",
                LINES, ended == null || last == null ? "n/a" : String.format("%.0f", last.doubleValue() - ended.doubleValue()),
                tasks.size(), max, sum);
    }

    // ---- helpers

    private static void level(String value) {
        new Select(browser.findElement(By.id("filter-level"))).selectByValue(value);
    }

    private static boolean lineInDom(String view, String message) {
        return messages(view).contains(message);
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(String view) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0] + ' .log-line .m')].map((m) => m.textContent)", view);
    }

    @SuppressWarnings("unchecked")
    private static List<String> levels(String view) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0] + ' .log-line .lv')].map((m) => m.textContent)", view);
    }

    private static int rowCount(String view) {
        return ((Number) js("return document.querySelectorAll(arguments[0] + ' .log-line').length", view)).intValue();
    }

    /** Whether a row with this message lies within the view's visible box. */
    private static boolean isInView(String view, String message) {
        return Boolean.TRUE.equals(js("const v = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return [...document.querySelectorAll(arguments[0] + ' .log-line')].some((r) => {"
                + " const b = r.getBoundingClientRect();"
                + " return r.querySelector('.m').textContent === arguments[1] && b.top >= v.top - 1 && b.bottom <= v.bottom + 1; });",
                view, message));
    }

    /** The message of the topmost row fully within the view's visible box. */
    private static String firstInView(String view) {
        return (String) js("const v = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "const r = [...document.querySelectorAll(arguments[0] + ' .log-line')].find((r) => r.getBoundingClientRect().top >= v.top - 1);"
                + "return r ? r.querySelector('.m').textContent : null;", view);
    }
}
