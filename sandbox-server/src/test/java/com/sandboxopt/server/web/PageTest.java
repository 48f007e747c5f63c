package com.sandboxopt.server.web;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser tests share: the open test server, one headless chromium on its page (with a
 * downloads folder named after the test class) for all tests of a class, and small helpers.
 *
 * <p>A class that needs more before the page opens (models uploaded first, another path) is marked
 * {@link OpensThePageItself}: its own {@code @BeforeAll}, which JUnit runs after this class's, prepares
 * the server and then calls {@link #open(String)}.
 */
abstract class PageTest {
    /** The class's own {@code @BeforeAll} opens the page, with {@link #open(String)}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface OpensThePageItself {
    }

    protected static final Duration LONG = Duration.ofMinutes(3);
    protected static final Path SCREENSHOTS = Path.of("target", "screenshots");

    protected static ChromeDriver browser;
    protected static Api api;
    protected static Path downloads;
    private static Class<?> testClass;

    @BeforeAll
    static void startTheServerAndOpenThePage(TestInfo info) throws IOException {
        testClass = info.getTestClass().orElseThrow();
        api = TestServers.open();
        if (!testClass.isAnnotationPresent(OpensThePageItself.class)) {
            open("/sandbox");
        }
    }

    /** Opens {@code path} of {@link #api}'s server in a new browser whose downloads go to {@link #downloads}. */
    protected static void open(String path) throws IOException {
        if (browser != null) {
            throw new IllegalStateException("The page is open already");
        }
        downloads = Files.createTempDirectory("sandbox-" + testClass.getSimpleName() + "-downloads");
        browser = Browser.openPage(api.base(), path, downloads);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected static WebElement css(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    protected static String text(String css) {
        return css(css).getText().trim();
    }

    protected static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    protected static WebElement button(String label) {
        return browser.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().trim().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("No button " + label));
    }

    /** Drops a Python file on the Upload Model card, as a drag and drop from the desktop does. */
    protected static void dropFile(String name, String content) {
        js("const dt = new DataTransfer();"
                + "dt.items.add(new File([arguments[0]], arguments[1], {type: 'text/x-python'}));"
                + "document.getElementById('drop-zone').dispatchEvent("
                + "new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));", content, name);
    }

    /** Writes the whole window to {@code target/screenshots/<name>}. */
    protected static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Writes {@code part} of the page to {@code target/screenshots/<name>}. */
    protected static void screenshot(String name, WebElement part) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), part.getScreenshotAs(OutputType.BYTES));
    }
}
