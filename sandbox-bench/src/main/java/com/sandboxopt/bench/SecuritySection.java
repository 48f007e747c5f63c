package com.sandboxopt.bench;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./sandbox bench --security-only}: what signing in costs a request. Two servers in this JVM, one with
 * security off and one with it on, answer {@code GET /api/optimization/jobs/{id}} one request after the other
 * (rounds interleaved, so both see the same machine); on the second, with a personal API token and with a page
 * session's cookie. Each request's latency from this JVM over loopback.
 */
final class SecuritySection {
    static final List<String> HEADER = List.of("section", "metric", "security on", "security off (baseline)",
            "on vs off");
    static final int REQUESTS = 2_000;
    static final int ROUNDS = 3;
    private static final String PASSWORD = "bench-admin-password";

    private SecuritySection() {
    }

    static void run(Bench bench, Table table) throws IOException, InterruptedException {
        try (EmbeddedServer off = start(bench.workDirectory().resolve("security-off"), false);
             EmbeddedServer on = start(bench.workDirectory().resolve("security-on"), true)) {
            String offJob = oneJob(off);
            String onJob = oneJob(on);
            Sandbox secured = on.getApplicationContext().getBean(Sandbox.class);
            String token = secured.users().createToken("admin", "bench", null).secret();
            String session = secured.users().openSession("admin", Duration.ofHours(1)).secret();
            HttpClient client = HttpClient.newHttpClient();
            Map<String, HttpRequest> requests = new HashMap<>();
            requests.put("off", get(off, offJob).build());
            requests.put("token", get(on, onJob).header("Authorization", "Bearer " + token).build());
            requests.put("cookie", get(on, onJob).header("Cookie", "SANDBOX_SESSION=" + session).build());
            Map<String, List<Double>> millis = new HashMap<>();
            for (String kind : requests.keySet()) {
                time(client, requests.get(kind), 500); // warm up
                millis.put(kind, new ArrayList<>());
            }
            for (int round = 1; round <= ROUNDS; round++) {
                System.err.println("security: round " + round + " of " + ROUNDS + "...");
                for (String kind : List.of("off", "token", "cookie")) {
                    millis.get(kind).addAll(time(client, requests.get(kind), REQUESTS));
                }
            }
            for (String kind : List.of("token", "cookie")) {
                String how = kind.equals("token") ? "a personal API token" : "the page's session cookie";
                for (int p : new int[] {50, 95}) {
                    double secure = Stats.percentile(millis.get(kind), p);
                    double open = Stats.percentile(millis.get("off"), p);
                    table.add(List.of("security: GET /jobs/{id}", "latency p" + p + " with " + how + " (ms)",
                            Table.number(secure, 3), Table.number(open, 3),
                            (secure >= open ? "+" : "") + Table.number(secure - open, 3) + " ms"));
                }
            }
        }
    }

    private static EmbeddedServer start(Path dataDirectory, boolean secured) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("micronaut.server.host", "127.0.0.1");
        settings.put("sandbox.data-dir", dataDirectory.toString());
        settings.put("sandbox.security.enabled", secured);
        settings.put("sandbox.security.admin-password", PASSWORD);
        return ApplicationContext.run(EmbeddedServer.class, settings);
    }

    private static String oneJob(EmbeddedServer server) {
        Sandbox sandbox = server.getApplicationContext().getBean(Sandbox.class);
        Model model = sandbox.models().upload(ModelUpload.of("hello.py", "print('hello')\n"
                .getBytes(StandardCharsets.UTF_8), ModelType.DMO));
        String jobId = sandbox.jobs().execute(ExecutionRequest.of(model.id())).jobId();
        sandbox.jobs().get(jobId); // stored at once; its end does not matter here
        return jobId;
    }

    private static HttpRequest.Builder get(EmbeddedServer server, String jobId) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + "/api/optimization/jobs/" + jobId))
                .timeout(Duration.ofSeconds(30));
    }

    private static List<Double> time(HttpClient client, HttpRequest request, int count)
            throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        return millis;
    }

    static String facts() {
        return String.join("\n",
                "- two servers in the bench JVM, each on an H2 file of its own: `sandbox.security.enabled` false (the"
                        + " baseline) and true; " + ROUNDS + " interleaved rounds of " + REQUESTS + " sequential"
                        + " `GET /api/optimization/jobs/{id}` each (after 500 to warm up), java.net.http over loopback",
                "- security on: with `Authorization: Bearer <personal API token>`, and with the `SANDBOX_SESSION`"
                        + " cookie of a page session (a GET needs no CSRF token); each request reads its credential"
                        + " and its user from the database",
                "- measured " + Instant.now().toString().substring(0, 10));
    }
}
