package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed execute body: each field of the wrong JSON type is a 400 that names it, never a 500 or Jackson's words. */
class ExecuteBodyTest {
    private static final Api API = TestServers.open();
    private static String modelId;

    @BeforeAll
    static void model() {
        modelId = API.uploadModel("execute_body.py", "print('x')\n", "SO");
    }

    private static void assertBadRequest(String body, String message) {
        Api.Response response = API.postJson("/api/optimization/execute", body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.error()).isEqualTo(message);
    }

    @Test
    void anEmptyOrNullBodyGetsAnExample() {
        String example = "Send a JSON object like {\"modelId\": \"...\", \"modelType\": \"DMO\", \"config\": {}}";
        assertBadRequest("", example);
        assertBadRequest("   ", example);
        assertBadRequest("null", example);
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() {
        Api.Response array = API.postJson("/api/optimization/execute", "[1, 2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.error()).startsWith("The request body must be a JSON object with modelId");
        assertBadRequest("{\"modelId\": {\"a\": 1}}", "modelId must be a string, was object");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"config\": [1]}",
                "config must be a JSON object like {\"hours\": 24}, was array");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"config\": 5}",
                "config must be a JSON object like {\"hours\": 24}, was number");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"dataSources\": {\"m\": true}}",
                "dataSources.m must be a data source id or name (a non-empty string), was boolean");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"dataSources\": {\"m\": \" \"}}",
                "dataSources.m must be a data source id or name (a non-empty string), was blank");
        assertBadRequest("{\"modelId\": \"  \"}", "modelId is required");
        assertThat(API.postJson("/api/optimization/execute", "{\"modelId\": ").error())
                .startsWith("The request body is not valid JSON: ");
    }

    @Test
    void scalarsAreNoStringsAndArraysNoObjectsNotEvenWithOneItem() {
        assertBadRequest("{\"modelId\": 7}", "modelId must be a string, was number");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"runtime\": 1.5}", "runtime must be a string, was number");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"modelType\": false}", "modelType must be a string, was boolean");
        assertBadRequest("{\"modelId\": [\"" + modelId + "\"]}", "modelId must be a string, was array");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"config\": [{\"a\": 1}]}",
                "config must be a JSON object like {\"hours\": 24}, was array");
        // a body of one object in an array is no object either (Jackson would unwrap it, as Micronaut sets it up)
        assertBadRequest("[{\"modelId\": \"" + modelId + "\"}]", "The request body must be a JSON object with modelId, was array");
    }

    @Test
    void ofSeveralFaultsTheFirstInTheBodyIsNamed() {
        assertBadRequest("{\"dataSources\": {\"m\": null}}", "modelId is required");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"dataSources\": {\"n\": null, \"m\": \"\"}}",
                "dataSources.n must be a data source id or name (a non-empty string), was null");
        assertBadRequest("{\"modelId\": \"" + modelId + "\", \"dataSources\": {\"m\": \"\\t\", \"n\": null}}",
                "dataSources.m must be a data source id or name (a non-empty string), was blank");
    }

    @Test
    void aKeyedRequestWithABlankFieldIsTheSameAsWithoutIt() {
        String key = "body-" + UUID.randomUUID();
        Api.Response first = execute(key, "{\"modelId\": \"" + modelId + "\", \"config\": {\"a\": 1, \"b\": [2]}}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        Api.Response again = execute(key, "{\"runtime\": \"\", \"config\": {\"b\": [2], \"a\": 1},\n  \"modelId\": \""
                + modelId + "\", \"idempotencyKey\": \"" + key + "\"}");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("jobId").asText()).isEqualTo(first.json().get("jobId").asText());
    }

    private static Api.Response execute(String key, String body) {
        return API.sendBuilt(API.requestTo("/api/optimization/execute").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
