package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The page on a server with users (sandbox.security.enabled, the first admin's password set), in a real headless
 * chromium: the login form (a wrong password's message, then in), the Admin tab's Users card creating a user with a
 * generated password and its Audit card showing that change (and a login tried with markup as username, as text),
 * signing out back to the login form, the new-password form a user who must change it sees first (checked before it
 * is sent, then signed in with the new password, uploads carrying the CSRF token), API tokens (the secret shown once,
 * then listed without it; a name of markup shown as text; Revoke asked first), a viewer's page without upload, run
 * or schedule buttons (nor New experiment), and a session ended elsewhere bringing the login form back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PageTest.OpensThePageItself
class UsersBrowserTest extends PageTest {
    private static final String ADMIN_PASSWORD = "admin-of-the-desk";
    private static final String MARKUP = "<img src=x onerror=window.__xss=1>";
    private static final HttpClient RAW = HttpClient.newHttpClient();

    private static EmbeddedServer server;
    private static Api anonymous;
    private static Api admin;
    /** The user the admin creates on the page, and the password the page generated for it. */
    private static String carol;
    private static String carolsPassword;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws IOException {
        server = TestServers.startOwn("users-page", Map.of("sandbox.security.enabled", true,
                "sandbox.security.admin-password", ADMIN_PASSWORD, "sandbox.pool-size", 1));
        anonymous = TestServers.api(server);
        admin = signInOverHttp("admin", ADMIN_PASSWORD);
        api = anonymous;
        // not PageTest.open: that waits for the page to connect, which the login form keeps it from
        downloads = Files.createTempDirectory("sandbox-users-page");
        browser = Browser.start(downloads);
        browser.get(server.getURI().resolve("/sandbox").toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedInTheFormAndTheRightOneOpensThePage() throws IOException {
        awaitLoginForm();
        assertThat(css("main").isDisplayed()).as("nothing of the page behind the form").isFalse();
        assertThat(css("#user-menu").isDisplayed()).isFalse();
        screenshot("sandbox-login.png");
        // wrong passwords in a row for one user: the server's wait shows in the form (429)
        type("#login-username", "mallory");
        for (int i = 0; i < 5; i++) {
            js("document.getElementById('login-error').textContent = ''");
            type("#login-password", "guess-" + i + Keys.ENTER);
            await().atMost(LONG).until(() -> text("#login-error").equals("Wrong username or password"));
        }
        type("#login-password", "guess-again" + Keys.ENTER);
        await().atMost(LONG).until(() -> text("#login-error").startsWith("Too many wrong passwords"));
        assertThat(text("#login-error")).contains("mallory").containsPattern("refused for another \\d+ s");
        type("#login-username", "admin");
        js("document.getElementById('login-error').textContent = ''");
        type("#login-password", "not-the-password" + Keys.ENTER); // Enter submits
        await().atMost(LONG).until(() -> !text("#login-error").isEmpty());
        assertThat(text("#login-error")).isEqualTo("Wrong username or password");
        assertThat(loginOpen()).isTrue();

        type("#login-password", ADMIN_PASSWORD + Keys.ENTER);
        awaitSignedIn("admin", "admin");
        assertThat(css(".tab[data-tab=admin]").isDisplayed()).as("an admin has the Admin tab").isTrue();
        assertThat(js("return document.cookie")).as("the session cookie is HttpOnly").asString().doesNotContain("SANDBOX_SESSION");
        assertThat(js("return JSON.stringify(localStorage)")).asString().doesNotContain("csrf");
    }

    @Test
    @Order(2)
    void theAdminCreatesAUserAndTheAuditShowsThatChangeWithMarkupAsText() throws IOException {
        // a login tried with markup as username: an audit entry whose target is that text
        assertThat(rawLogin(MARKUP, "whatever-it-is").statusCode()).isEqualTo(401);

        css(".tab[data-tab=admin]").click();
        await().atMost(LONG).until(() -> rowOf("#users-table", "admin") != null);
        carol = "carol-" + System.nanoTime() % 100000;
        type("#user-username", carol);
        new Select(css("#user-role")).selectByValue("analyst");
        css("#user-generate").click();
        carolsPassword = css("#user-password").getAttribute("value");
        assertThat(carolsPassword).hasSize(16);
        assertThat(css("#user-must-change").isSelected()).as("on by default").isTrue();
        css("#user-create").click();

        await().atMost(LONG).until(() -> rowOf("#users-table", carol) != null);
        WebElement row = rowOf("#users-table", carol);
        assertThat(new Select(row.findElement(By.cssSelector("[data-role=user-role]"))).getFirstSelectedOption().getText())
                .isEqualTo("analyst");
        assertThat(row.getText()).contains("Enabled").contains("must change password");
        assertThat(text("#users-note")).contains("Created " + carol + " (analyst)").contains(carolsPassword);
        JsonNode stored = admin.get("/api/optimization/users/" + carol).json().get("user");
        assertThat(stored.get("role").asText()).isEqualTo("analyst");
        assertThat(stored.get("mustChangePassword").asBoolean()).isTrue();

        // the audit trail, newest first: the user created is its first entry
        await().atMost(LONG).until(() -> firstAudit("audit-action").equals("user.create"));
        assertThat(firstAudit("audit-actor")).isEqualTo("admin");
        assertThat(firstAudit("audit-target")).isEqualTo(carol);
        assertThat(firstAudit("audit-outcome")).isEqualTo("success");

        type("#audit-action", "login");
        css("#audit-refresh").click();
        String cellsOf = "return [...document.querySelectorAll('#audit-table [data-role=' + arguments[0] + ']')]"
                + ".map((cell) => cell.textContent);";
        await().atMost(LONG).until(() -> {
            List<?> actions = (List<?>) js(cellsOf, "audit-action");
            return !actions.isEmpty() && actions.stream().allMatch(a -> a.toString().startsWith("login"))
                    && ((List<?>) js(cellsOf, "audit-target")).contains(MARKUP);
        });
        List<Object> targets = List.copyOf((List<?>) js(cellsOf, "audit-target"));
        assertThat(targets).contains(MARKUP);
        assertThat(browser.findElements(By.cssSelector("#audit-table img"))).as("markup stays text").isEmpty();
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        type("#audit-action", "");
        css("#audit-refresh").click();
        await().atMost(LONG).until(() -> firstAudit("audit-action").equals("user.create"));
        screenshot("sandbox-admin.png");
    }

    @Test
    @Order(3)
    void signingOutReturnsToTheLoginFormAndANewPasswordIsChosenFirst() throws IOException {
        signOut();
        type("#login-username", carol);
        type("#login-password", carolsPassword + Keys.ENTER);
        await().atMost(LONG).until(() -> (Boolean) js("return document.getElementById('password-dialog').open"));
        assertThat(css("#password-cancel").isDisplayed()).as("it cannot be put off").isFalse();

        type("#password-current", carolsPassword);
        type("#password-new", "carols-own-pass");
        type("#password-repeat", "carols-own-pasz" + Keys.ENTER);
        assertThat(text("#password-error")).contains("differ");
        type("#password-new", "short");
        type("#password-repeat", "short" + Keys.ENTER);
        assertThat(text("#password-error")).contains("at least 8 characters");
        assertThat(admin.get("/api/optimization/users/" + carol).json().get("user").get("mustChangePassword").asBoolean())
                .as("nothing was sent").isTrue();

        type("#password-new", "carols-own-pass");
        type("#password-repeat", "carols-own-pass" + Keys.ENTER);
        awaitSignedIn(carol, "analyst"); // signed in again with the new password, by the page
        assertThat(admin.get("/api/optimization/users/" + carol).json().get("user").get("mustChangePassword").asBoolean())
                .isFalse();
        assertThat(css(".tab[data-tab=admin]").isDisplayed()).as("an analyst has no Admin tab").isFalse();
        assertThat(rawLogin(carol, "carols-own-pass").statusCode()).isEqualTo(200);

        // changes carry the session's CSRF token: a model upload (fetch) and a data source (XMLHttpRequest)
        js("const dt = new DataTransfer();"
                + "dt.items.add(new File([arguments[0]], 'users_page_dmo.py', {type: 'text/x-python'}));"
                + "document.getElementById('drop-zone').dispatchEvent("
                + "new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));", "print('hello')\n");
        await().atMost(LONG).until(() -> css("#upload-button").isEnabled());
        css("#upload-button").click();
        await().atMost(LONG).until(() -> text("[data-type=DMO] .model").endsWith("users_page_dmo.py"));
        Path csv = Files.writeString(downloads.resolve("prices.csv"), "hour,price\n1,42\n");
        css("#data-file-input").sendKeys(csv.toAbsolutePath().toString());
        type("#data-name", "carols-prices");
        await().atMost(LONG).until(() -> css("#data-upload-button").isEnabled());
        css("#data-upload-button").click();
        await().atMost(LONG).until(() -> rowOf("#data-table", "carols-prices") != null);
        JsonNode model = admin.get("/api/optimization/models?modelType=DMO").json().get("models").get(0);
        assertThat(model.get("owner").asText()).isEqualTo(carol);

        css(".tab[data-tab=testing]").click();
        await().atMost(LONG).until(() -> browser.findElements(By.cssSelector("#model-table [data-role=owner]")).stream()
                .anyMatch(tag -> tag.getText().equals("by " + carol)));
    }

    @Test
    @Order(4)
    void aTokenShowsItsSecretOnceItsNameAsTextAndRevokeRemovesIt() {
        openMenuItem("#user-menu-tokens");
        await().atMost(LONG).until(() -> css("#tokens-empty").isDisplayed());
        type("#token-name", MARKUP);
        css("#token-create").click();
        await().atMost(LONG).until(() -> css("#token-secret").isDisplayed());
        String secret = text("#token-secret-text");
        assertThat(secret).startsWith("sbx_");
        assertThat(text("#token-secret")).contains("you will not see it again");
        assertThat(css("#token-copy").isDisplayed()).isTrue();
        await().atMost(LONG).until(() -> browser.findElements(By.cssSelector("#tokens-table tbody tr")).size() == 1);
        WebElement name = css("#tokens-table [data-role=token-name]");
        assertThat(js("return arguments[0].textContent", name)).isEqualTo(MARKUP);
        assertThat(browser.findElements(By.cssSelector("#tokens-dialog img"))).isEmpty();
        assertThat(text("#tokens-table tbody tr")).contains("never").doesNotContain(secret);
        JsonNode byToken = TestServers.api(server, secret).get("/api/optimization/me").json();
        assertThat(byToken.path("user").path("username").asText()).isEqualTo(carol);

        // closed and opened again: listed, the secret gone for good
        css("#tokens-close").click();
        openMenuItem("#user-menu-tokens");
        await().atMost(LONG).until(() -> browser.findElements(By.cssSelector("#tokens-table tbody tr")).size() == 1);
        assertThat(css("#token-secret").isDisplayed()).isFalse();
        assertThat((String) js("return document.getElementById('tokens-dialog').textContent")).doesNotContain(secret);

        css("#tokens-table [data-role=revoke]").click();
        await().atMost(LONG).until(() -> css("#confirm-dialog").isDisplayed());
        assertThat(text("#confirm-dialog-text")).contains("Revoke the token").contains(MARKUP);
        css("#confirm-dialog-ok").click();
        await().atMost(LONG).until(() -> browser.findElements(By.cssSelector("#tokens-table tbody tr")).isEmpty());
        assertThat(TestServers.api(server, secret).get("/api/optimization/me").json().path("user").isNull()).isTrue();
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        css("#tokens-close").click();
    }

    @Test
    @Order(5)
    void aViewerSeesNoUploadRunOrScheduleButtons() {
        Api.Response created = admin.postJson("/api/optimization/users", "{\"username\": \"vera\", \"password\":"
                + " \"vera-reads-only\", \"role\": \"viewer\", \"mustChangePassword\": false}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        signOut();
        type("#login-username", "vera");
        type("#login-password", "vera-reads-only" + Keys.ENTER);
        awaitSignedIn("vera", "viewer");
        css(".tab[data-tab=optimization]").click();
        await().atMost(LONG).until(() -> text("[data-type=DMO] .model").endsWith("users_page_dmo.py"));
        for (String hidden : List.of("#drop-zone", "#upload-button", "#data-drop-zone", "#data-upload-button",
                "[data-type=DMO] [data-role=run]", "[data-type=DMO] [data-role=run-settings]", "#schedule-new")) {
            assertThat(css(hidden).isDisplayed()).as(hidden).isFalse();
        }
        assertThat(text("#upload-card .role-note")).isEqualTo("Uploading, running, cancelling, archiving and scheduling"
                + " needs the role analyst; vera is viewer");
        assertThat(css("[data-type=DMO] [data-role=source]").isDisplayed()).as("reading stays").isTrue();
        css(".tab[data-tab=experiments]").click();
        await().atMost(LONG).until(() -> css("#experiments-empty").isDisplayed()); // the list is read
        assertThat(css("#experiment-new").isDisplayed()).as("no New experiment").isFalse();
        assertThat(text("#experiments-card .role-note")).endsWith("needs the role analyst; vera is viewer");
        css(".tab[data-tab=testing]").click();
        await().atMost(LONG).until(() -> !browser.findElements(By.cssSelector("#model-table tbody tr")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#model-table [data-role=archive]")).stream()
                .noneMatch(WebElement::isDisplayed)).isTrue();
    }

    @Test
    @Order(6)
    void aSessionEndedElsewhereBringsTheLoginFormBackAndTheSameUserGoesOn() {
        // an admin sets vera's password: her sessions end at once
        Api.Response reset = admin.patchJson("/api/optimization/users/vera", "{\"password\": \"vera-second-pass\","
                + " \"mustChangePassword\": false}");
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        css("#history-refresh").click(); // its requests are refused: the login form, not the token prompt
        awaitLoginForm();
        assertThat(text("#login-note")).contains("session has ended");
        assertThat(css("#login-username").getAttribute("value")).isEqualTo("vera");
        type("#login-password", "vera-second-pass" + Keys.ENTER);
        await().atMost(LONG).until(() -> !loginOpen());
        assertThat(css("#tab-testing").isDisplayed()).as("the page as it was").isTrue();
        assertThat(text("#user-menu-name")).isEqualTo("vera");
    }

    // ---- helpers

    private static void awaitLoginForm() {
        await().atMost(LONG).until(UsersBrowserTest::loginOpen);
    }

    private static boolean loginOpen() {
        return Boolean.TRUE.equals(js("return document.getElementById('login-dialog').open"));
    }

    private static void awaitSignedIn(String username, String role) {
        await().atMost(LONG).until(() -> !loginOpen() && css("#user-menu").isDisplayed());
        assertThat(text("#user-menu-name")).isEqualTo(username);
        assertThat(text("#user-menu-role")).isEqualTo(role);
        await().atMost(LONG).until(() -> text("#connection").equals("Connected"));
    }

    private static void openMenuItem(String item) {
        css("#user-menu summary").click();
        await().atMost(LONG).until(() -> css(item).isDisplayed());
        css(item).click();
    }

    private static void signOut() {
        openMenuItem("#user-menu-signout");
        awaitLoginForm();
        assertThat(css("#user-menu").isDisplayed()).isFalse();
    }

    /** The row whose first cell starts with that word; null when there is none (or the table was being redrawn). */
    private static WebElement rowOf(String table, String firstCell) {
        try {
            return browser.findElements(By.cssSelector(table + " tbody tr")).stream()
                    .filter(tr -> tr.findElement(By.cssSelector("td")).getText().trim().split(" ")[0].equals(firstCell))
                    .findFirst().orElse(null);
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    private static String firstAudit(String role) {
        List<WebElement> cells = browser.findElements(By.cssSelector("#audit-table tbody tr:first-child [data-role=" + role + "]"));
        return cells.isEmpty() ? "" : cells.get(0).getText().trim();
    }

    private static void type(String selector, String text) {
        WebElement field = css(selector);
        field.clear();
        field.sendKeys(text);
    }





    private static HttpResponse<String> rawLogin(String username, String password) {
        String body = Api.JSON.createObjectNode().put("username", username).put("password", password).toString();
        return send(HttpRequest.newBuilder(server.getURI().resolve("/api/optimization/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A client with the session of a login over HTTP (its cookie and CSRF token). */
    private static Api signInOverHttp(String username, String password) {
        HttpResponse<String> response = rawLogin(username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring("SANDBOX_SESSION=".length(), setCookie.indexOf(';'));
        return anonymous.withSession(cookie, Api.json(response).get("csrfToken").asText());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
