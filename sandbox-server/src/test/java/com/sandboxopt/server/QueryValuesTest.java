package com.sandboxopt.server;

import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed query parameters: a value that is not a number is a 400 naming the parameter, an empty one is absent. */
class QueryValuesTest {
    private final Api api = TestServers.open();

    private static void assertBadRequest(Api.Response response, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.error()).isEqualTo(message);
    }

    @Test
    void numbersAreCheckedAndNamed() {
        assertBadRequest(api.get("/api/optimization/jobs?limit=lots"), "limit must be a whole number, was 'lots'");
        assertBadRequest(api.get("/api/optimization/jobs?limit=1.5"), "limit must be a whole number, was '1.5'");
        assertThat(api.get("/api/optimization/jobs?limit=99999999999").error()).startsWith("limit must be a whole number");
        String jobId = api.execute(api.uploadModel("query_values.py", "print('x')\n", "DMO"), "{}");
        assertBadRequest(api.get("/api/optimization/jobs/" + jobId + "/logs?afterSeq=x"),
                "afterSeq must be a whole number, was 'x'");
        assertThat(api.get("/api/optimization/jobs/" + jobId + "/logs?limit=0").error()).contains("limit");
    }

    @Test
    void anEmptyNumberIsItsDefault() {
        Api.Response jobs = api.get("/api/optimization/jobs?limit=");
        assertThat(jobs.status()).as(jobs.text()).isEqualTo(200);
        assertThat(api.get("/api/optimization/jobs?limit=2").json().get("jobs").size()).isLessThanOrEqualTo(2);
    }
}
