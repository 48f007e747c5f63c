package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.server.support.Api;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The "small things", in a real headless chromium: the page has an SVG favicon (and
 * {@code /favicon.ico} leads to it), the theme toggle says what it does and which theme is on, a
 * successful job's progress bar ends at 100 % (its model reports 1.0 after its result), toasts sit
 * clear of the Live Logs panel, and a click on Run changes the row's badge at once, before the server
 * answers, and puts it back when the request fails; the footer shows the Python client's install line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class SmallThingsBrowserTest extends PageTest {
    /** Reports progress, its result, and 1.0 last, like the SO sample. */
    private static final String PROGRESS_MODEL = "import sandbox\nimport time\n"
            + "sandbox.progress(0.25, 'working')\n"
            + "time.sleep(0.3)\n"
            + "sandbox.progress(0.5, 'half way')\n"
            + "sandbox.result({'ok': True})\n"
            + "sandbox.progress(1.0, 'done')\n";
    private static final String SLEEPER_MODEL = "import time\nprint('sleeping')\ntime.sleep(2)\nprint('awake')\n";

    @BeforeAll
    static void openThePage() throws IOException {
        api.uploadModel("small_things_progress_so.py", PROGRESS_MODEL, "SO");
        api.uploadModel("small_things_sleeper_rmo.py", SLEEPER_MODEL, "RMO");
        open("/sandbox");
        await().atMost(LONG).until(() -> text("[data-type=SO] .model").endsWith("_small_things_progress_so.py")
                && text("[data-type=RMO] .model").endsWith("_small_things_sleeper_rmo.py"));
    }

    @Test
    @Order(1)
    void theFaviconIsLinkedAndServedAsSvg() {
        WebElement icon = browser.findElement(By.cssSelector("link[rel=icon]"));
        assertThat(icon.getAttribute("type")).isEqualTo("image/svg+xml");
        URI href = URI.create(icon.getAttribute("href")); // the property: resolved against <base href="/sandbox/">
        assertThat(href.getPath()).isEqualTo("/sandbox/favicon.svg");
        Api.Download svg = api.download(href.getPath());
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(svg.text()).startsWith("<svg").contains("#2563eb");

        Api.Download root = api.download("/favicon.ico");
        assertThat(root.status()).as("/favicon.ico leads to the SVG").isBetween(301, 308);
        assertThat(URI.create(api.base().toString()).resolve(root.header("Location")).getPath()).isEqualTo("/sandbox/favicon.svg");
    }

    @Test
    @Order(2)
    void theThemeToggleSaysWhatItDoesAndTheCurrentTheme() {
        WebElement toggle = browser.findElement(By.id("theme-toggle"));
        String before = toggle.getAttribute("title");
        String theme = browser.findElement(By.tagName("html")).getAttribute("data-theme");
        String other = theme.equals("dark") ? "light" : "dark";
        assertThat(before).contains("Switch to " + other).contains(theme);
        assertThat(toggle.getAttribute("aria-label")).isEqualTo(before);

        toggle.click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo(other);
        String after = toggle.getAttribute("title");
        assertThat(after).isNotEqualTo(before).contains("Switch to " + theme).contains(other);
        assertThat(toggle.getAttribute("aria-label")).isEqualTo(after);
        toggle.click(); // back as it was
        assertThat(toggle.getAttribute("title")).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aSuccessfulJobsProgressBarShowsOneHundredPercent() {
        browser.findElement(By.cssSelector("[data-type=SO] [data-role=run]")).click();
        await().atMost(LONG).until(() -> List.of("Success", "Failed", "Timed out", "Cancelled")
                .contains(text("[data-type=SO] [data-role=badge]")));
        assertThat(text("[data-type=SO] [data-role=badge]")).isEqualTo("Success");
        WebElement bar = browser.findElement(By.cssSelector("[data-type=SO] [data-role=progress]"));
        assertThat(bar.isDisplayed()).as("the bar stays once the job is done").isTrue();
        assertThat(bar.getAttribute("role")).isEqualTo("progressbar");
        assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(js("return arguments[0].firstElementChild.style.width", bar)).isEqualTo("100%");
        assertThat(text("[data-type=SO] [data-role=progress-label]")).isEqualTo("100% · done");
    }

    @Test
    @Order(4)
    void aClickOnRunChangesTheBadgeAtOnceAndAFailedRequestPutsItBack() {
        // the page's execute requests wait 1.5 s, or fail with 503 when window.__failExecute is set
        js("window.__execute = { answered: 0 };"
                + "const original = window.fetch;"
                + "window.fetch = function (url, options) {"
                + "  if (!String(url).endsWith('/execute')) return original.apply(this, arguments);"
                + "  if (window.__failExecute) {"
                + "    return Promise.resolve(new Response(JSON.stringify({ success: false, error: 'refused for the test' }),"
                + "        { status: 503, headers: { 'Content-Type': 'application/json' } }));"
                + "  }"
                + "  const args = arguments, self = this;"
                + "  return new Promise((resolve) => setTimeout(resolve, 1500))"
                + "      .then(() => original.apply(self, args)).finally(() => window.__execute.answered++);"
                + "};");

        @SuppressWarnings("unchecked")
        Map<String, Object> atClick = (Map<String, Object>) js(
                "const row = document.querySelector('[data-type=RMO]');"
                        + "const started = performance.now();"
                        + "row.querySelector('[data-role=run]').click();"
                        + "return new Promise((resolve) => setTimeout(() => resolve({"
                        + "  badge: row.querySelector('[data-role=badge]').textContent,"
                        + "  job: row.dataset.job || null,"
                        + "  answered: window.__execute.answered,"
                        + "  ms: performance.now() - started }), 50));");
        assertThat((Number) atClick.get("ms")).as("read within 100 ms of the click").satisfies(ms -> assertThat(ms.doubleValue()).isLessThan(100));
        assertThat(atClick.get("answered")).as("the server has not answered yet").isEqualTo(0L);
        assertThat(atClick.get("badge")).isEqualTo("Starting…");
        await().atMost(LONG).until(() -> text("[data-type=RMO] [data-role=badge]").equals("Running"));
        await().atMost(LONG).until(() -> text("[data-type=RMO] [data-role=badge]").equals("Success"));

        js("window.__failExecute = true;");
        js("document.getElementById('notifications').replaceChildren()");
        String shown = text("[data-type=RMO] [data-role=badge]");
        for (int i = 0; i < 3; i++) { // three toasts, stacked
            await().atMost(LONG).until(() -> browser.findElement(By.cssSelector("[data-type=RMO] [data-role=run]")).isEnabled());
            Object badge = js("const row = document.querySelector('[data-type=RMO]');"
                    + "row.querySelector('[data-role=run]').click();"
                    + "return row.querySelector('[data-role=badge]').textContent;");
            assertThat(badge).isEqualTo("Starting…");
            await().atMost(LONG).until(() -> text("[data-type=RMO] [data-role=badge]").equals(shown));
        }
        assertThat(shown).isEqualTo("Success");
        assertThat(browser.findElement(By.cssSelector("[data-type=RMO] [data-role=badge]")).getAttribute("class"))
                .isEqualTo("badge success");
        await().atMost(LONG).until(() -> browser.findElements(By.cssSelector("#notifications .notification.error")).size() == 3);
        assertThat(text("#notifications")).contains("Could not run RMO: refused for the test");
    }

    @Test
    @Order(5)
    void toastsDoNotCoverTheLogPanel() {
        js("window.scrollTo(0, 0)");
        List<WebElement> toasts = browser.findElements(By.cssSelector("#notifications .notification"));
        if (toasts.isEmpty()) {
            js("window.__failExecute = true; document.querySelector('[data-type=RMO] [data-role=run]').click();");
            await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector("#notifications .notification")).isEmpty());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) js(
                "const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };"
                        + "return [box(document.getElementById('live-logs')), box(document.getElementById('notifications'))];");
        Map<String, Object> logs = boxes.get(0);
        Map<String, Object> toastBox = boxes.get(1);
        assertThat(num(toastBox.get("bottom")) - num(toastBox.get("top"))).as("there is a toast").isPositive();
        boolean overlap = num(toastBox.get("left")) < num(logs.get("right")) && num(logs.get("left")) < num(toastBox.get("right"))
                && num(toastBox.get("top")) < num(logs.get("bottom")) && num(logs.get("top")) < num(toastBox.get("bottom"));
        assertThat(overlap).as("toasts %s over the log panel %s", toastBox, logs).isFalse();
        assertThat(num(toastBox.get("top"))).as("below the header")
                .isGreaterThanOrEqualTo(num(js("return document.querySelector('header.top').getBoundingClientRect().bottom")));
        js("window.__failExecute = false;");
    }

    // ---- helpers

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    @Test
    @Order(6)
    void theFooterShowsThePythonClientsInstallLineForThisServer() {
        String origin = (String) js("return window.location.origin");
        assertThat(text("#python-client-pip"))
                .isEqualTo("pip install --no-index --find-links " + origin + "/client/python/ sandboxopt");
        URI page = URI.create(css(".page-footer a").getAttribute("href"));
        assertThat(page.getPath()).isEqualTo("/client/python/");
        assertThat(api.download(page.getPath()).text()).contains("sandboxopt-").contains(".whl#sha256=");
    }
}
