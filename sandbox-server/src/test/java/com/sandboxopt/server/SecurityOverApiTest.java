package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users, roles, sessions, tokens and the audit trail over real HTTP, on a server with security on (H2). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityOverApiTest {
    static final String ADMIN_PASSWORD = "first-admin-secret";
    static final String API_TOKEN = "the-old-shared-token";
    private static final HttpClient RAW = HttpClient.newHttpClient();

    private EmbeddedServer server;
    private Api anonymous;
    private Api admin;

    /** What a subclass adds to the server's settings (a PostgreSQL database). */
    protected Map<String, Object> moreSettings() {
        return Map.of();
    }

    @BeforeAll
    void start() {
        Map<String, Object> settings = new HashMap<>(moreSettings());
        settings.putAll(Map.of("sandbox.security.enabled", true, "sandbox.security.admin-password", ADMIN_PASSWORD,
                "sandbox.api-token", API_TOKEN, "sandbox.pool-size", 2, "sandbox.quotas.queued-jobs-per-user", 2));
        server = TestServers.startOwn("security", settings);
        anonymous = TestServers.api(server);
        admin = signIn("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A login's answer with its cookie. */
    record Login(int status, JsonNode body, String setCookie, String cookie) {
        String csrf() {
            return body.path("csrfToken").asText(null);
        }
    }

    Login login(String username, String password, String sentCookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(anonymous.base().resolve("/api/optimization/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + username + "\", \"password\": \""
                        + password + "\"}"));
        if (sentCookie != null) {
            request.header("Cookie", "SANDBOX_SESSION=" + sentCookie);
        }
        try {
            HttpResponse<String> response = RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String setCookie = response.headers().firstValue("Set-Cookie").orElse("");
            String cookie = setCookie.startsWith("SANDBOX_SESSION=")
                    ? setCookie.substring("SANDBOX_SESSION=".length(), setCookie.indexOf(';')) : null;
            return new Login(response.statusCode(), Api.JSON.readTree(response.body()), setCookie, cookie);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Api signIn(String username, String password) {
        Login login = login(username, password, null);
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        return anonymous.withSession(login.cookie(), login.csrf());
    }

    /** A new user of the role whose password need not be changed, signed in. */
    Api newUser(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = admin.postJson("/api/optimization/users", "{\"username\": \"" + name
                + "\", \"password\": \"password-of-" + name + "\", \"role\": \"" + role
                + "\", \"mustChangePassword\": false}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return signIn(name, "password-of-" + name);
    }

    static String me(Api api) {
        return api.get("/api/optimization/me").json().path("user").path("username").asText(null);
    }

    @Test
    void aLoginGivesACookieOnlyThisServerSeesAndNobodyGetsInWithoutOne() {
        Login login = login("admin", ADMIN_PASSWORD, null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.setCookie()).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(login.body().get("user").get("role").asText()).isEqualTo("admin");
        assertThat(login.csrf()).hasSizeGreaterThan(20);

        Login wrong = login("admin", "not-the-password", null);
        Login unknown = login("nobody-at-all", "not-the-password", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body().get("error").asText()).isEqualTo(unknown.body().get("error").asText())
                .isEqualTo("Wrong username or password");
        assertThat(wrong.cookie()).isNull();

        Api.Response refused = anonymous.get("/api/optimization/models");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(refused.error()).contains("Sign in");
        assertThat(anonymous.postJson("/api/optimization/execute", "{\"modelId\": \"x\"}").status()).isEqualTo(401);
        assertThat(anonymous.get("/sandbox/").status()).isEqualTo(200);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        JsonNode me = anonymous.get("/api/optimization/me").json();
        assertThat(me.get("user").isNull()).isTrue();
        assertThat(me.get("security").asBoolean()).isTrue();
        assertThat(me(anonymous.withSession("sbs_made-up", null))).isNull();
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() {
        Api analyst = newUser("analyst");
        String modelId = analyst.uploadModel("viewer_target.py", "print('hi')\n", "DMO");
        String jobId = analyst.execute(modelId, "{}");
        Api viewer = newUser("viewer");
        assertThat(viewer.get("/api/optimization/models").status()).isEqualTo(200);
        assertThat(viewer.get("/api/optimization/jobs/" + jobId).status()).isEqualTo(200);
        assertThat(viewer.get("/api/optimization/data-sources").status()).isEqualTo(200);

        List<Api.Response> writes = List.of(
                viewer.upload("v.py", "print(1)\n".getBytes(), "DMO", null),
                viewer.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\"}"),
                viewer.post("/api/optimization/jobs/" + jobId + "/cancel"),
                viewer.delete("/api/optimization/models/" + modelId),
                viewer.post("/api/optimization/models/" + modelId + "/restore"),
                viewer.uploadDataSource("viewer-data", null, Api.Part.file("a.csv", "x\n")),
                viewer.delete("/api/optimization/data-sources/nothing"),
                viewer.postJson("/api/optimization/schedules", "{\"name\": \"s\", \"modelId\": \"" + modelId
                        + "\", \"cron\": \"0 6 * * *\"}"),
                viewer.putJson("/api/optimization/schedules/x", "{}"),
                viewer.delete("/api/optimization/schedules/x"),
                viewer.post("/api/optimization/schedules/x/pause"),
                viewer.post("/api/optimization/schedules/x/resume"),
                viewer.post("/api/optimization/schedules/x/run"),
                viewer.postJson("/api/optimization/experiments", "{\"name\": \"e\", \"models\": [\"" + modelId
                        + "\"], \"inputs\": [{\"name\": \"a\"}]}"),
                viewer.post("/api/optimization/experiments/x/cancel"));
        for (Api.Response write : writes) {
            assertThat(write.status()).as(write.text()).isEqualTo(403);
            assertThat(write.json().get("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(write.error()).contains("needs the role analyst").contains("is viewer");
        }
        for (Api.Response adminOnly : List.of(viewer.get("/api/optimization/users"),
                viewer.postJson("/api/optimization/users", "{\"username\": \"x\", \"password\": \"xxxxxxxxxx\","
                        + " \"role\": \"admin\"}"),
                viewer.delete("/api/optimization/users/admin"))) {
            assertThat(adminOnly.status()).as(adminOnly.text()).isEqualTo(403);
            assertThat(adminOnly.error()).contains("needs the role admin");
        }
        assertThat(analyst.job(jobId).get("status").asText()).isNotEqualTo("cancelled");
        assertThat(analyst.get("/api/optimization/models/" + modelId).json().get("model").get("status").asText())
                .isEqualTo("active");
    }

    @Test
    void anAnalystChangesOnlyWhatItOwnsAndAnAdminEverything() {
        Api anna = newUser("analyst");
        Api bob = newUser("analyst");
        String annas = me(anna);
        String modelId = anna.uploadModel("anna_forever.py", Models.FOREVER, "SO");
        assertThat(anna.get("/api/optimization/models/" + modelId).json().get("model").get("owner").asText())
                .isEqualTo(annas);
        String jobId = anna.execute(modelId, "{}");
        assertThat(anna.job(jobId).get("owner").asText()).isEqualTo(annas);

        Api.Response cancel = bob.post("/api/optimization/jobs/" + jobId + "/cancel");
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(403);
        assertThat(cancel.error()).contains("belongs to " + annas);
        Api.Response archive = bob.delete("/api/optimization/models/" + modelId);
        assertThat(archive.status()).isEqualTo(403);
        assertThat(archive.error()).contains("belongs to " + annas);

        String bobsJob = bob.execute(modelId, "{}"); // anyone may run a model
        assertThat(bob.post("/api/optimization/jobs/" + bobsJob + "/cancel").status()).isEqualTo(200);
        assertThat(admin.post("/api/optimization/jobs/" + jobId + "/cancel").status()).isEqualTo(200);
        assertThat(anna.awaitEnded(jobId, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("cancelled");
        assertThat(anna.delete("/api/optimization/models/" + modelId).status()).isEqualTo(200);
    }

    @Test
    void aChangeFromThePageSessionNeedsItsCsrfToken() {
        Login login = login("admin", ADMIN_PASSWORD, null);
        Api withoutToken = anonymous.withSession(login.cookie(), null);
        Api.Response refused = withoutToken.upload("csrf.py", "print(1)\n".getBytes(), "DMO", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).contains("CSRF");
        Api.Response fromElsewhere = withoutToken.sendBuilt(withoutToken.requestTo("/api/optimization/execute")
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"modelId\": \"x\"}")));
        assertThat(fromElsewhere.status()).isEqualTo(403);
        Api wrongToken = anonymous.withSession(login.cookie(), "not-the-token");
        assertThat(wrongToken.upload("csrf.py", "print(1)\n".getBytes(), "DMO", null).status()).isEqualTo(403);
        assertThat(withoutToken.get("/api/optimization/models").status()).as("reads need none").isEqualTo(200);
        Api withToken = anonymous.withSession(login.cookie(), login.csrf());
        assertThat(withToken.upload("csrf.py", "print(1)\n".getBytes(), "DMO", null).status()).isEqualTo(200);
    }

    @Test
    void aLoginAlwaysMakesANewSessionAndEndsTheOneItCameWith() {
        Login first = login("admin", ADMIN_PASSWORD, null);
        Login second = login("admin", ADMIN_PASSWORD, first.cookie());
        assertThat(second.cookie()).isNotEqualTo(first.cookie());
        assertThat(me(anonymous.withSession(first.cookie(), null))).as("the old session").isNull();
        assertThat(me(anonymous.withSession(second.cookie(), null))).isEqualTo("admin");

        String planted = "sbs_planted-by-someone-else";
        Login fixated = login("admin", ADMIN_PASSWORD, planted);
        assertThat(fixated.cookie()).isNotEqualTo(planted);
        assertThat(me(anonymous.withSession(planted, null))).isNull();

        Api session = anonymous.withSession(second.cookie(), second.csrf());
        assertThat(session.post("/api/optimization/logout").status()).as("JSON only").isEqualTo(415);
        assertThat(session.postJson("/api/optimization/logout", "{}").status()).isEqualTo(200);
        assertThat(session.get("/api/optimization/models").status()).isEqualTo(401);
    }

    @Test
    void personalTokensAreShownOnceWorkUntilRevokedOrExpiredAndNotForADisabledUser() throws InterruptedException {
        Api analyst = newUser("analyst");
        String name = me(analyst);
        Api.Response created = analyst.postJson("/api/optimization/tokens", "{\"name\": \"<b>nightly</b>\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.json().get("token").asText();
        String tokenId = created.json().get("apiToken").get("id").asText();
        assertThat(secret).startsWith("sbx_");
        Api script = anonymous.withToken(secret);
        assertThat(me(script)).isEqualTo(name);
        assertThat(script.upload("by_token.py", "print(1)\n".getBytes(), "DMO", null).status())
                .as("a token needs no CSRF token").isEqualTo(200);
        Api.Response listed = analyst.get("/api/optimization/tokens");
        assertThat(listed.text()).doesNotContain(secret);
        JsonNode token = listed.json().get("tokens").get(0);
        assertThat(token.get("name").asText()).isEqualTo("<b>nightly</b>");
        assertThat(token.get("lastUsedAt").isNull()).isFalse();

        admin.patchJson("/api/optimization/users/" + name, "{\"enabled\": false}");
        assertThat(script.get("/api/optimization/models").status()).as("a disabled user's token").isEqualTo(401);
        admin.patchJson("/api/optimization/users/" + name, "{\"enabled\": true}");
        assertThat(script.get("/api/optimization/models").status()).isEqualTo(200);
        assertThat(me(analyst)).as("disabling ended its page sessions").isNull();
        analyst = signIn(name, "password-of-" + name);

        assertThat(admin.delete("/api/optimization/tokens/" + tokenId).status()).as("only its owner revokes it")
                .isEqualTo(404);
        assertThat(script.delete("/api/optimization/tokens/" + tokenId).status()).isEqualTo(200);
        Api.Response revoked = script.get("/api/optimization/models");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.error()).contains("unknown, expired or revoked");

        Instant soon = Instant.now().plusSeconds(5);
        String shortLived = analyst.postJson("/api/optimization/tokens", "{\"name\": \"brief\", \"expiresAt\": \""
                + soon + "\"}").json().get("token").asText();
        assertThat(anonymous.withToken(shortLived).get("/api/optimization/models").status()).isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), soon).toMillis()) + 500); // past its expiry
        assertThat(anonymous.withToken(shortLived).get("/api/optimization/models").status()).isEqualTo(401);
        assertThat(analyst.postJson("/api/optimization/tokens", "{\"name\": \"past\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void theWebSocketNeedsASessionOrAToken() {
        assertThatThrownBy(() -> WsClient.connect(anonymous)).isInstanceOf(CompletionException.class);
        Api analyst = newUser("analyst");
        String secret = analyst.postJson("/api/optimization/tokens", "{\"name\": \"ws\"}").json().get("token").asText();
        try (WsClient ws = WsClient.connect(anonymous.withToken(secret))) {
            assertThat(ws.subscribe("{\"action\": \"subscribe\"}").get("event").asText()).isEqualTo("subscribed");
        }
        Login login = login("admin", ADMIN_PASSWORD, null);
        try (WsClient ws = WsClient.connectWithCookie(anonymous, "SANDBOX_SESSION=" + login.cookie())) {
            assertThat(ws.subscribe("{\"action\": \"subscribe\"}").get("event").asText()).isEqualTo("subscribed");
        }
        assertThatThrownBy(() -> WsClient.connect(anonymous.withToken("sbx_wrong"))).isInstanceOf(CompletionException.class);
    }

    @Test
    void aPasswordSomeoneElseChoseMustBeChangedBeforeAnythingElse() {
        String name = "newcomer-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.postJson("/api/optimization/users", "{\"username\": \"" + name + "\", \"password\":"
                + " \"given-by-admin\", \"role\": \"analyst\"}").status()).isEqualTo(201);
        Login login = login(name, "given-by-admin", null);
        assertThat(login.body().get("user").get("mustChangePassword").asBoolean()).isTrue();
        Api session = anonymous.withSession(login.cookie(), login.csrf());
        Api.Response blocked = session.get("/api/optimization/models");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.error()).contains("Choose a new password first");
        assertThat(session.patchJson("/api/optimization/users/" + name, "{\"currentPassword\": \"wrong-one\","
                + " \"password\": \"mine-at-last\"}").status()).isEqualTo(400);
        Api.Response changed = session.patchJson("/api/optimization/users/" + name,
                "{\"currentPassword\": \"given-by-admin\", \"password\": \"mine-at-last\"}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("user").get("mustChangePassword").asBoolean()).isFalse();
        assertThat(login(name, "given-by-admin", null).status()).isEqualTo(401);
        Api again = signIn(name, "mine-at-last");
        assertThat(again.get("/api/optimization/models").status()).isEqualTo(200);
        assertThat(again.patchJson("/api/optimization/users/" + name, "{\"role\": \"admin\"}").status())
                .as("a user may change only its own password").isEqualTo(403);
    }

    @Test
    void namesWithHtmlAreRefusedAndTheLastAdminStays() {
        Api.Response html = admin.postJson("/api/optimization/users", "{\"username\": \"<img src=x>\", \"password\":"
                + " \"long-enough-pw\", \"role\": \"viewer\"}");
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.error()).contains("letters, digits");
        assertThat(admin.postJson("/api/optimization/users", "{\"username\": \"shorty\", \"password\": \"short\","
                + " \"role\": \"viewer\"}").error()).contains("at least 8 characters");
        assertThat(admin.postJson("/api/optimization/users", "{\"username\": \"admin\", \"password\": \"long-enough-pw\","
                + " \"role\": \"viewer\"}").status()).isEqualTo(409);
        assertThat(admin.postJson("/api/optimization/users", "{\"username\": \"roleless\", \"password\":"
                + " \"long-enough-pw\", \"role\": \"boss\"}").error()).contains("viewer, analyst, admin");
        Api.Response demote = admin.patchJson("/api/optimization/users/admin", "{\"role\": \"viewer\"}");
        assertThat(demote.status()).isEqualTo(400);
        assertThat(demote.error()).contains("last enabled admin");
        assertThat(admin.delete("/api/optimization/users/admin").status()).isEqualTo(400);
        assertThat(me(admin)).isEqualTo("admin");
    }

    @Test
    void theApiTokenActsAsAnAdmin() {
        Api shared = anonymous.withToken(API_TOKEN);
        assertThat(shared.get("/api/optimization/users").status()).isEqualTo(200);
        assertThat(me(shared)).isEqualTo("api-token");
        String modelId = shared.uploadModel("shared.py", "print(1)\n", "DMO");
        assertThat(shared.get("/api/optimization/models/" + modelId).json().get("model").get("owner").isNull()).isTrue();
    }

    @Test
    void theAuditTrailSaysWhoDidWhatAndCannotBeChanged() {
        Api analyst = newUser("analyst");
        String name = me(analyst);
        String modelId = analyst.uploadModel("audited.py", Models.FOREVER, "SO");
        String jobId = analyst.execute(modelId, "{}");
        analyst.post("/api/optimization/jobs/" + jobId + "/cancel");
        Api viewer = newUser("viewer");
        viewer.post("/api/optimization/jobs/" + jobId + "/cancel");
        login(name, "a-wrong-password", null);

        JsonNode entries = admin.get("/api/optimization/audit?actor=" + name).json().get("entries");
        List<String> seen = new ArrayList<>();
        entries.forEach(e -> seen.add(e.get("action").asText() + " " + e.get("target").asText() + " "
                + e.get("outcome").asText()));
        assertThat(seen).contains("model.upload " + modelId + " success", "job.execute " + jobId + " success",
                "job.cancel " + jobId + " success", "login " + name + " success");
        assertThat(entries.get(0).get("remoteAddress").asText()).isNotBlank();
        JsonNode denied = admin.get("/api/optimization/audit?actor=" + me(viewer) + "&action=job").json().get("entries");
        assertThat(denied).singleElement().satisfies(e -> {
            assertThat(e.get("outcome").asText()).isEqualTo("denied");
            assertThat(e.get("detail").asText()).contains("needs the role analyst");
        });
        JsonNode failed = admin.get("/api/optimization/audit?action=login&actor=anonymous").json().get("entries");
        assertThat(failed).anySatisfy(e -> assertThat(e.get("target").asText()).isEqualTo(name));

        JsonNode own = viewer.get("/api/optimization/audit").json().get("entries");
        assertThat(own).isNotEmpty().allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo(me(viewer)));
        assertThat(viewer.get("/api/optimization/audit?actor=admin").status()).isEqualTo(403);
        assertThat(admin.delete("/api/optimization/audit").status()).isIn(404, 405);
        assertThat(admin.putJson("/api/optimization/audit", "{}").status()).isIn(404, 405);
    }

    @Test
    void aUserPastItsQueuedQuotaIsRefusedAndTheTopPriorityIsForAdmins() {
        Api analyst = newUser("analyst");
        String modelId = analyst.uploadModel("quota_forever.py", Models.FOREVER, "SO");
        List<String> started = new ArrayList<>();
        Api.Response refused = null;
        try {
            for (int i = 0; i < 6 && refused == null; i++) { // two run at most, two may wait, then the quota
                Api.Response answer = analyst.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId
                        + "\"}");
                if (answer.status() == 200) {
                    started.add(answer.json().get("jobId").asText());
                } else {
                    refused = answer;
                }
            }
            assertThat(refused).as("a refusal within six jobs").isNotNull();
            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("QUOTA_EXCEEDED");
            assertThat(refused.error()).contains("queued-jobs-per-user 2");

            Api.Response top = analyst.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId
                    + "\", \"priority\": 9}");
            assertThat(top.status()).isEqualTo(403);
            assertThat(top.error()).contains("top band");
            assertThat(analyst.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId
                    + "\", \"priority\": 10}").error()).contains("priority");
            String urgent = admin.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId
                    + "\", \"priority\": 9}").json().get("jobId").asText();
            started.add(urgent);
            assertThat(admin.job(urgent).get("priority").asInt()).isEqualTo(9);
            assertThat(admin.job(urgent).get("owner").asText()).isEqualTo("admin");
        } finally {
            started.forEach(id -> admin.post("/api/optimization/jobs/" + id + "/cancel"));
        }
    }

    @Test
    void aScheduleRunsAsItsOwnerAtItsPriority() {
        Api analyst = newUser("analyst");
        String modelId = analyst.uploadModel("scheduled.py", "print('on time')\n", "DMO");
        String body = "{\"name\": \"gate closure\", \"modelId\": \"" + modelId + "\", \"cron\": \"0 11 * * *\","
                + " \"timezone\": \"Europe/Berlin\", \"priority\": 9}";
        Api.Response refused = analyst.postJson("/api/optimization/schedules", body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).contains("top band");
        JsonNode own = analyst.postJson("/api/optimization/schedules", body.replace("\"priority\": 9",
                "\"priority\": 5")).json().get("schedule");
        assertThat(own.get("owner").asText()).isEqualTo(me(analyst));
        assertThat(own.get("priority").asInt()).isEqualTo(5);
        String jobId = analyst.post("/api/optimization/schedules/" + own.get("id").asText() + "/run").json()
                .get("jobId").asText();
        JsonNode job = analyst.awaitEnded(jobId, Duration.ofSeconds(60));
        assertThat(job.get("owner").asText()).isEqualTo(me(analyst));
        assertThat(job.get("priority").asInt()).isEqualTo(5);
        assertThat(job.get("scheduleId").asText()).isEqualTo(own.get("id").asText());
        Api other = newUser("analyst");
        assertThat(other.post("/api/optimization/schedules/" + own.get("id").asText() + "/pause").status())
                .isEqualTo(403);
        assertThat(admin.delete("/api/optimization/schedules/" + own.get("id").asText()).status()).isEqualTo(200);
    }
}
