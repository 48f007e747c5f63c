package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A server without users but with {@code sandbox.api-token}: the page asks for the token once (its first call, to
 * /me, is refused), keeps it in the browser, and then is the page it always was: no login form, no user menu.
 */
class ApiTokenPromptBrowserTest {
    private static final String TOKEN = "prompted-token";
    private static EmbeddedServer server;
    private static ChromeDriver browser;

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theTokenIsAskedForOnceAndThePageHasNoLoginForm() throws Exception {
        server = TestServers.startOwn("token-prompt", Map.of("sandbox.api-token", TOKEN));
        browser = Browser.start(Files.createTempDirectory("sandbox-token-prompt"));
        browser.get(server.getURI().resolve("/sandbox").toString());
        Alert prompt = new WebDriverWait(browser, Duration.ofMinutes(1)).until(ExpectedConditions.alertIsPresent());
        assertThat(prompt.getText()).contains("API token");
        prompt.sendKeys(TOKEN);
        prompt.accept();
        await().atMost(Duration.ofMinutes(3))
                .until(() -> browser.findElement(By.id("connection")).getText().trim().equals("Connected"));
        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return localStorage.getItem('sandbox.token')")).isEqualTo(TOKEN);
        assertThat(js.executeScript("return document.getElementById('login-dialog').open")).isEqualTo(false);
        assertThat(browser.findElement(By.id("user-menu")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("upload-button")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector(".tab[data-tab=admin]")).isDisplayed()).isFalse();
        await().atMost(Duration.ofMinutes(1)).until(() -> !browser.findElements(By.cssSelector("[data-type=DMO]")).isEmpty());
    }
}
