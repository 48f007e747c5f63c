package com.sandboxopt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both runtimes over REST on this machine (bubblewrap and /usr/bin/python3 with numpy installed): listing, choosing, overriding. */
class RuntimesOverApiTest {
    private static final Duration JOB = Duration.ofMinutes(2);
    /** Prints what only CPython with numpy can compute, and which interpreter ran it. */
    private static final String NUMPY_MODEL = "import sys\nimport numpy as np\n"
            + "a = np.arange(1, 5)\n"
            + "print('numpy dot', int(a @ a))\n"
            + "print('implementation', sys.implementation.name)\n";
    private static final String STDLIB_MODEL = "import json, sys\n"
            + "print(json.dumps({'implementation': sys.implementation.name}))\n";

    private final Api api = TestServers.open();

    @Test
    void runtimesListsGraalPyAndCPythonAvailableWithAutoAsTheDefault() {
        Api.Response response = api.get("/api/optimization/runtimes");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("default").asText()).isEqualTo("auto");
        assertThat(body.get("runtimes")).extracting(r -> r.get("name").asText()).containsExactlyInAnyOrder("graalpy", "cpython");
        for (JsonNode runtime : body.get("runtimes")) {
            assertThat(runtime.get("available").asBoolean()).as(runtime.toString()).isTrue();
            assertThat(runtime.has("reason")).as("no reason when available: " + runtime).isFalse();
        }
        assertThat(runtime(body, "cpython").get("version").asText()).startsWith("CPython 3.").contains("/usr/bin/python3")
                .endsWith(", seccomp filter: 24 calls refused");
        assertThat(runtime(body, "graalpy").get("version").asText()).contains("GraalPy");

        JsonNode status = api.get("/api/optimization/status").json();
        assertThat(status.get("runtimes")).isEqualTo(body.get("runtimes"));
        assertThat(status.get("defaultRuntime").asText()).isEqualTo("auto");
    }

    @Test
    void aNumpyModelWithoutARuntimeFieldRunsOnCPythonAndItsLinesAreStored() {
        Api.Response upload = api.upload("numpy_so_model.py", NUMPY_MODEL.getBytes(StandardCharsets.UTF_8), "SO", "numpy");

        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        JsonNode model = upload.json().get("model");
        assertThat(model.get("runtime").asText()).isEqualTo("cpython");
        assertThat(model.get("runtime_reason").asText()).startsWith("auto").contains("numpy");
        assertThat(api.get("/api/optimization/models/" + model.get("id").asText()).json().at("/model/runtime").asText())
                .isEqualTo("cpython");

        Api.Response execute = api.postJson("/api/optimization/execute", "{\"modelId\": \"" + model.get("id").asText() + "\"}");
        assertThat(execute.status()).as(execute.text()).isEqualTo(200);
        assertThat(execute.json().get("runtime").asText()).isEqualTo("cpython");
        String jobId = execute.json().get("jobId").asText();
        JsonNode job = api.awaitEnded(jobId, JOB);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("success");
        assertThat(job.get("runtime").asText()).isEqualTo("cpython");
        assertThat(api.logMessages(jobId)).containsExactly("numpy dot 30", "implementation cpython");
    }

    @Test
    void aGraalPyModelRunsOnCPythonForOneJobWhenTheExecuteBodySaysSo() {
        Api.Response upload = api.upload("stdlib_rmo_model.py", STDLIB_MODEL.getBytes(StandardCharsets.UTF_8), "RMO", "",
                "graalpy");
        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        JsonNode model = upload.json().get("model");
        assertThat(model.get("runtime").asText()).isEqualTo("graalpy");
        assertThat(model.get("runtime_reason").asText()).contains("graalpy");
        String modelId = model.get("id").asText();

        Api.Response execute = api.postJson("/api/optimization/execute",
                "{\"modelId\": \"" + modelId + "\", \"runtime\": \"cpython\"}");
        assertThat(execute.status()).as(execute.text()).isEqualTo(200);
        assertThat(execute.json().get("runtime").asText()).isEqualTo("cpython");
        String onCPython = execute.json().get("jobId").asText();
        String asUploaded = api.execute(modelId, "{}");

        JsonNode overridden = api.awaitEnded(onCPython, JOB);
        assertThat(overridden.get("status").asText()).as(overridden.toString()).isEqualTo("success");
        assertThat(overridden.get("runtime").asText()).isEqualTo("cpython");
        assertThat(api.logMessages(onCPython)).containsExactly("{\"implementation\": \"cpython\"}");
        JsonNode plain = api.awaitEnded(asUploaded, JOB);
        assertThat(plain.get("runtime").asText()).isEqualTo("graalpy");
        assertThat(api.logMessages(asUploaded)).containsExactly("{\"implementation\": \"graalpy\"}");
        assertThat(api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs"))
                .extracting(j -> j.get("runtime").asText()).containsExactlyInAnyOrder("cpython", "graalpy");
    }

    @Test
    void anUnknownRuntimeIs400NamingTheAcceptedValuesAndNothingIsStored() {
        long before = modelCount();

        Api.Response upload = api.upload("bogus.py", "print(1)\n".getBytes(StandardCharsets.UTF_8), "DMO", "", "bogus");

        assertThat(upload.status()).as(upload.text()).isEqualTo(400);
        assertThat(upload.json().get("success").asBoolean()).isFalse();
        assertThat(upload.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(upload.error()).contains("graalpy, cpython or auto").contains("bogus");
        assertThat(modelCount()).isEqualTo(before);

        String modelId = api.uploadModel("fine.py", "print(1)\n", "DMO");
        int jobs = api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs").size();
        Api.Response execute = api.postJson("/api/optimization/execute",
                "{\"modelId\": \"" + modelId + "\", \"runtime\": \"pypy\"}");
        assertThat(execute.status()).as(execute.text()).isEqualTo(400);
        assertThat(execute.error()).contains("graalpy, cpython or auto").contains("pypy");
        Api.Response notText = api.postJson("/api/optimization/execute", "{\"modelId\": \"" + modelId + "\", \"runtime\": 3}");
        assertThat(notText.status()).as(notText.text()).isEqualTo(400);
        assertThat(notText.error()).contains("runtime must be a string");
        assertThat(api.get("/api/optimization/jobs?modelId=" + modelId).json().get("jobs")).hasSize(jobs);
    }

    private long modelCount() {
        long total = 0;
        for (JsonNode n : api.get("/api/optimization/models").json().get("counts")) {
            total += n.asLong();
        }
        return total;
    }

    private static JsonNode runtime(JsonNode body, String name) {
        List<JsonNode> matching = new ArrayList<>();
        body.get("runtimes").forEach(r -> {
            if (r.get("name").asText().equals(name)) {
                matching.add(r);
            }
        });
        assertThat(matching).as(body.toString()).hasSize(1);
        return matching.get(0);
    }
}
