package com.sandboxopt.server;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.server.api.ApiError;
import com.sandboxopt.server.api.JobController;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/API.md} against the OpenAPI document the running server serves: each operation there has a
 * heading {@code ### METHOD /path} in the page and each such heading names an operation there; what the page
 * lists outside the OpenAPI document is indeed outside it, and answers.
 */
class ApiDocumentationTest {
    private static final Path PAGE = Path.of("..", "docs", "API.md");
    /** A documented operation: exactly {@code ### GET /api/optimization/jobs/{jobId}} on its own line. */
    private static final Pattern OPERATION = Pattern.compile("^### (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (/\\S*)$",
            Pattern.MULTILINE);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    private static Api api;
    private static String page;
    private static Map<String, Object> openApi;

    @BeforeAll
    static void read() throws IOException {
        api = TestServers.open();
        page = Files.readString(PAGE);
        Api.Response served = api.get("/openapi.yml");
        assertThat(served.status()).as(served.text()).isEqualTo(200);
        openApi = new Yaml().load(served.text());
    }

    @Test
    void everyOperationOfTheOpenApiDocumentIsOnThePageAndNoOther() {
        Set<String> served = servedOperations();
        Set<String> documented = documentedOperations();
        assertThat(served).as("operations in /openapi.yml").isNotEmpty().contains("POST /api/optimization/upload");

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(served);
        assertThat(undocumented).as("operations the server offers that docs/API.md has no '### METHOD /path' heading for")
                .isEmpty();
        assertThat(unknown).as("'### METHOD /path' headings in docs/API.md that the server does not offer").isEmpty();
    }

    @Test
    void eachOperationHasOneHeading() {
        Matcher headings = OPERATION.matcher(page);
        Set<String> seen = new TreeSet<>();
        while (headings.find()) {
            assertThat(seen.add(headings.group(1) + " " + headings.group(2))).as("twice: " + headings.group()).isTrue();
        }
    }

    @Test
    void whatThePageListsOutsideTheOpenApiDocumentIsOutsideItAndAnswers() {
        String outside = page.substring(page.indexOf("## Outside the OpenAPI document"), page.indexOf("## Error codes"));
        assertThat(outside).contains("`GET /health`", "`GET /openapi.yml`", "### WebSocket /ws/optimization");
        @SuppressWarnings("unchecked")
        Set<String> paths = ((Map<String, Object>) openApi.get("paths")).keySet();
        assertThat(paths).doesNotContain("/health", "/openapi.yml", "/ws/optimization");
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/sandbox/upload.js").status()).isEqualTo(200);
    }

    @Test
    void everyErrorCodeIsInTheTable() {
        String table = page.substring(page.indexOf("## Error codes"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(table).as("docs/API.md, Error codes").contains("| `" + code.name() + "` |");
        }
        assertThat(table).contains("| `" + JobController.IDEMPOTENCY_KEY_REUSED + "` |",
                "| `" + JobController.IDEMPOTENCY_KEY_IN_USE + "` |");
        Matcher rows = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE).matcher(table);
        Set<String> known = new TreeSet<>(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        known.add(JobController.IDEMPOTENCY_KEY_REUSED);
        known.add(JobController.IDEMPOTENCY_KEY_IN_USE);
        known.addAll(ApiError.FRAMEWORK_CODES);
        for (String code : ApiError.FRAMEWORK_CODES) {
            assertThat(table).as("docs/API.md, Error codes").contains("| `" + code + "` |");
        }
        while (rows.find()) {
            assertThat(known).as("an error code the server does not have").contains(rows.group(1));
        }
    }

    /** {@code METHOD /path} of every operation in the served OpenAPI document, path parameters as {@code {}}. */
    @SuppressWarnings("unchecked")
    private static Set<String> servedOperations() {
        Set<String> operations = new TreeSet<>();
        Map<String, Object> paths = (Map<String, Object>) openApi.get("paths");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            for (String key : ((Map<String, Object>) path.getValue()).keySet()) {
                if (METHODS.contains(key)) {
                    operations.add(key.toUpperCase() + " " + normalized(path.getKey()));
                }
            }
        }
        return operations;
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        Matcher headings = OPERATION.matcher(page);
        while (headings.find()) {
            operations.add(headings.group(1) + " " + normalized(headings.group(2)));
        }
        return operations;
    }

    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
