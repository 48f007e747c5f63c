package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox.cpython.* settings: a server whose bubblewrap is missing, and values that stop the start. */
class CPythonSettingsTest {
    private static final String MISSING_BWRAP = "/nonexistent/bin/bwrap";

    private static EmbeddedServer server;
    private static Api api;

    @BeforeAll
    static void startAServerWithoutBubblewrap() {
        server = TestServers.startOwn("no-bwrap", Map.of("sandbox.pool-size", 1, "sandbox.cpython.bubblewrap", MISSING_BWRAP));
        api = TestServers.api(server);
    }

    @AfterAll
    static void stopIt() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runtimesSaysCPythonIsUnavailableAndWhy() {
        JsonNode body = api.get("/api/optimization/runtimes").json();

        JsonNode cpython = byName(body, "cpython");
        assertThat(cpython.get("available").asBoolean()).isFalse();
        assertThat(cpython.get("reason").asText()).contains("bubblewrap").contains(MISSING_BWRAP);
        assertThat(byName(body, "graalpy").get("available").asBoolean()).isTrue();
        assertThat(api.get("/api/optimization/status").json().get("runtimes")).isEqualTo(body.get("runtimes"));
    }

    @Test
    void askingForCPythonIs409WithTheReasonAndNothingIsStoredOrQueued() {
        Api.Response upload = api.upload("needs_cpython.py", "print(1)\n".getBytes(StandardCharsets.UTF_8), "DMO", "",
                "cpython");

        assertThat(upload.status()).as(upload.text()).isEqualTo(409);
        assertThat(upload.json().get("success").asBoolean()).isFalse();
        assertThat(upload.json().get("code").asText()).isEqualTo("RUNTIME_UNAVAILABLE");
        assertThat(upload.error()).contains("bubblewrap").contains(MISSING_BWRAP);
        assertThat(api.get("/api/optimization/models").json().get("models")).noneMatch(
                m -> m.get("file_name").asText().equals("needs_cpython.py"));

        String modelId = api.uploadModel("graalpy_only.py", "print(1)\n", "DMO");
        Api.Response execute = api.postJson("/api/optimization/execute",
                "{\"modelId\": \"" + modelId + "\", \"runtime\": \"cpython\"}");
        assertThat(execute.status()).as(execute.text()).isEqualTo(409);
        assertThat(execute.error()).contains("bubblewrap");
        assertThat(api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs")).isEmpty();
    }

    @Test
    void autoFallsBackToGraalPySayingWhy() {
        Api.Response upload = api.upload("numpy_auto.py", "import numpy\nprint(numpy.pi)\n".getBytes(StandardCharsets.UTF_8),
                "SO", "");

        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        assertThat(upload.json().at("/model/runtime").asText()).isEqualTo("graalpy");
        assertThat(upload.json().at("/model/runtime_reason").asText()).startsWith("auto").contains("bubblewrap");
    }

    @Test
    void aBadRuntimeSettingStopsTheStartNamingTheSetting() {
        assertStartFails(Map.of("sandbox.runtime", "pypy"), "sandbox.runtime", "pypy");
        assertStartFails(Map.of("sandbox.cpython.user-id", 0), "sandbox.cpython.user-id", "0");
        assertStartFails(Map.of("sandbox.cpython.interpreter", " "), "sandbox.cpython.interpreter");
        assertStartFails(Map.of("sandbox.limits.memory-bytes", 1024), "sandbox.limits.memory-bytes", "16 MiB");
        assertStartFails(Map.of("sandbox.limits.max-processes", 1), "sandbox.limits.max-processes", "at least 2");
    }

    private static void assertStartFails(Map<String, Object> setting, String... messageParts) {
        assertThatThrownBy(() -> {
            try (EmbeddedServer started = ApplicationContext.run(EmbeddedServer.class,
                    TestServers.properties("bad-setting", setting))) {
                throw new AssertionError("The server started with " + setting);
            }
        }).satisfies(e -> assertThat(messages(e)).contains(messageParts));
    }

    /** The messages of the exception and its causes: the framework wraps what the factory threw. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static JsonNode byName(JsonNode body, String name) {
        for (JsonNode runtime : body.get("runtimes")) {
            if (runtime.get("name").asText().equals(name)) {
                return runtime;
            }
        }
        throw new AssertionError("No runtime " + name + " in " + body);
    }
}
