package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.Models;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.WsClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server with an API token, one job at a time and no waiting queue. */
class StrictServerTest {
    private final Api withToken = TestServers.strict(true);
    private final Api withoutToken = TestServers.strict(false);

    @Test
    void everyApiCallNeedsTheToken() {
        Api.Response refused = withoutToken.get("/api/optimization/models");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.error()).contains("Authorization: Bearer");
        assertThat(withoutToken.upload("m.py", "print(1)\n".getBytes(), "DMO", null).status()).isEqualTo(401);
        assertThat(withToken.get("/api/optimization/models").status()).isEqualTo(200);
        assertThat(withToken.get("/api/optimization/status").status()).isEqualTo(200);
        assertThat(withoutToken.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aWrongTokenIsRefused() {
        Api.Response wrong = new WrongToken().get();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).contains("wrong");
    }

    @Test
    void theWebSocketNeedsTheTokenToo() {
        URI bare = URI.create("ws://" + withToken.base().getHost() + ":" + withToken.base().getPort() + "/ws/optimization");
        assertThatThrownBy(() -> WsClient.connect(bare)).isInstanceOf(CompletionException.class);
        try (WsClient ws = WsClient.connect(withToken)) {
            assertThat(ws.subscribe("{\"action\": \"subscribe\"}").get("event").asText()).isEqualTo("subscribed");
        }
    }

    @Test
    void aFullQueueAnswers503() {
        String modelId = withToken.uploadModel("busy.py", Models.FOREVER, "SO");
        String running = withToken.execute(modelId, "{}");
        try {
            Api.Response refused = withToken.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\"}");
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.json().get("success").asBoolean()).isFalse();
            assertThat(refused.error()).isNotBlank();
        } finally {
            withToken.post("/api/optimization/jobs/" + running + "/cancel");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> withToken.job(running).get("status").asText().equals("cancelled"));
        }
    }

    @Test
    void preImportsFollowTheSetting() {
        String jobId = withToken.execute(withToken.uploadModel("modules.py",
                "import sys\nprint([m in sys.modules for m in ('math', 'heapq', 'fractions', 'logging')])\n", "DMO"), "{}");
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> withToken.job(jobId).get("status").asText().equals("success"));
        assertThat(withToken.get("/api/optimization/jobs/" + jobId + "/logs").json().get("lines"))
                .extracting(line -> line.get("message").asText()).containsExactly("[True, True, False, False]");
    }

    /** The strict server's address with a wrong bearer token. */
    private final class WrongToken {
        Api.Response get() {
            try {
                java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(withToken.base().resolve("/api/optimization/models"))
                                .header("Authorization", "Bearer not-it").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return new Api.Response(response.statusCode(), response.body(), "", "");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
