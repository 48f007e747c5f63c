package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.core.Role;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Password guessing meets the login throttle, and the first admin's generated password is shown once. */
class LoginFloodTest {

    @Test
    void aThousandWrongPasswordsAreAnsweredQuicklyAndLeaveAShortTrail() throws InterruptedException {
        Map<String, Object> settings = Map.of("sandbox.security.enabled", true,
                "sandbox.security.admin-password", "admin-password-1", "sandbox.security.login-attempts", 3,
                "sandbox.security.lockout", "3s");
        try (EmbeddedServer server = TestServers.startOwn("flood", settings)) {
            server.getApplicationContext().getBean(Sandbox.class).users().create("victim", "the-right-one",
                    Role.ANALYST, false);
            Api api = TestServers.api(server);
            Map<Integer, Integer> statuses = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                Api.Response answer = api.postJson("/api/optimization/login",
                        "{\"username\": \"victim\", \"password\": \"guess-" + i + "\"}");
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 429) {
                    assertThat(answer.json().get("code").asText()).isEqualTo("TOO_MANY_LOGINS");
                }
            }
            assertThat(statuses.keySet()).containsOnly(401, 429);
            assertThat(statuses.get(429)).as("refused without a check").isGreaterThan(900);
            assertThat(api.get("/health").status()).isEqualTo(200);
            // The flood may have ended just as a lockout did: guess on until one is in force with seconds to go
            // (a lockout begins after 3 wrong passwords and lasts 3 s, then 6 s, ...)
            // (one that ends within a second or two is waited out, then 3 more wrong passwords start a longer one)
            long left = 0;
            for (int i = 0; i < 200 && left < 2; i++) {
                Api.Response guess = wrongGuess(api);
                left = secondsLeft(guess);
                if (guess.status() == 429 && left < 2) {
                    Thread.sleep(100);
                }
            }
            assertThat(left).as("a lockout in force after more wrong passwords").isGreaterThanOrEqualTo(2);
            Api.Response stillLocked = api.postJson("/api/optimization/login",
                    "{\"username\": \"victim\", \"password\": \"the-right-one\"}");
            assertThat(stillLocked.status()).as("even the right password waits out the lockout").isEqualTo(429);
            Matcher wait = Pattern.compile("another (\\d+) s").matcher(stillLocked.error());
            assertThat(wait.find()).as(stillLocked.error()).isTrue();

            Thread.sleep(Long.parseLong(wait.group(1)) * 1000 + 500);
            Api.Response after = api.postJson("/api/optimization/login",
                    "{\"username\": \"victim\", \"password\": \"the-right-one\"}");
            assertThat(after.status()).as(after.text()).isEqualTo(200);

            JsonNode trail = server.getApplicationContext().getBean(Sandbox.class).audit()
                    .find(new com.sandboxopt.core.AuditQuery(null, "login", null, 10_000)).stream()
                    .filter(e -> "victim".equals(e.target())).map(e -> Api.JSON.valueToTree(e.action() + " "
                            + e.outcome())).collect(Api.JSON::createArrayNode, (a, n) -> a.add((JsonNode) n),
                            (a, b) -> a.addAll(b));
            // a few wrong passwords and one lockout entry per lockout (3 s, then 6 s, ...), not one per try
            assertThat(trail.size()).as(trail.toString()).isBetween(4, 20);
            assertThat(trail.toString()).contains("login.locked refused", "login failed", "login success");
        }
    }

    private static Api.Response wrongGuess(Api api) {
        return api.postJson("/api/optimization/login", "{\"username\": \"victim\", \"password\": \"one-more-guess\"}");
    }

    /** The seconds a refused login must wait ("another N s"), 0 when it was not refused for a lockout. */
    private static long secondsLeft(Api.Response answer) {
        Matcher wait = Pattern.compile("another (\\d+) s").matcher(answer.status() == 429 ? answer.error() : "");
        return wait.find() ? Long.parseLong(wait.group(1)) : 0;
    }

    @Test
    void theFirstAdminsGeneratedPasswordIsPrintedOnceAndMustBeChanged() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EmbeddedServer server;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            server = TestServers.startOwn("first-admin", Map.of("sandbox.security.enabled", true));
        } finally {
            System.setOut(original);
        }
        try (server) {
            Matcher shown = Pattern.compile("first admin 'admin' with the password (\\S+) ").matcher(
                    printed.toString(StandardCharsets.UTF_8));
            assertThat(shown.find()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
            Api api = TestServers.api(server);
            Api.Response login = api.postJson("/api/optimization/login", "{\"username\": \"admin\", \"password\": \""
                    + shown.group(1) + "\"}");
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().get("user").get("mustChangePassword").asBoolean()).isTrue();
        }
    }
}
