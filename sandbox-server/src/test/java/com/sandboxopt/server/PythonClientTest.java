package com.sandboxopt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sandboxopt.server.support.Api;
import com.sandboxopt.server.support.TestServers;
import com.sandboxopt.server.support.Venv;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client as a user gets it: pip installs the wheel from a running server into a fresh venv of Debian's
 * python3, then {@code client_checks.py} (src/test/resources/python) drives every call against that server, and the
 * command line runs here with its exit codes and output checked. One venv and one server for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientTest {
    private static final Pattern WHEEL_LINK = Pattern.compile("href=\"/client/python/(sandboxopt-([^\"#]+)-py3-none-any\\.whl)#sha256=([0-9a-f]{64})\"");
    private static final String TOKEN = "python-client-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EmbeddedServer server;
    private Api api;
    private Venv venv;
    private Path checks;
    private EmbeddedServer secured;

    /** A server of its own: the checks leave many models, data sources and jobs behind, which no other test should see. */
    @BeforeAll
    void installTheClientFromTheServer() throws IOException {
        server = TestServers.startOwn("python-client", Map.of("sandbox.pool-size", 2));
        api = TestServers.api(server);
        venv = Venv.create();
        Venv.Result installed = venv.run("pip", List.of("install", "--no-index", "--find-links",
                api.base().resolve("/client/python/").toString(), "sandboxopt"), Map.of());
        assertThat(installed.code()).as(installed.toString()).isZero();
        checks = Files.createTempFile("client_checks", ".py");
        try (InputStream in = PythonClientTest.class.getResourceAsStream("/python/client_checks.py")) {
            Files.write(checks, in.readAllBytes());
        }
    }

    @AfterAll
    void stopTheServers() throws IOException {
        venv.delete();
        Files.deleteIfExists(checks);
        server.close();
        if (secured != null) {
            secured.close();
        }
    }

    @Test
    void thePageLinksTheWheelWithItsHashAndTheInstallLineForThisServer() throws Exception {
        HttpResponse<String> page = get(api.base().resolve("/client/python/"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String base = api.base().getScheme() + "://" + api.base().getRawAuthority();
        assertThat(page.body()).contains("pip install --no-index --find-links " + base + "/client/python/ sandboxopt");
        Matcher link = WHEEL_LINK.matcher(page.body());
        assertThat(link.find()).as(page.body()).isTrue();
        String serverVersion = api.get("/api/optimization/status").json().get("version").asText();
        assertThat(link.group(2)).isEqualTo(serverVersion.replace("-SNAPSHOT", ".dev0"));

        HttpResponse<byte[]> wheel = HTTP.send(HttpRequest.newBuilder(api.base().resolve("/client/python/" + link.group(1)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wheel.statusCode()).isEqualTo(200);
        assertThat(wheel.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wheel.body())))
                .isEqualTo(link.group(3));
        assertThat(get(api.base().resolve("/client/python")).body()).contains(link.group(1) + "#sha256=");
        HttpResponse<String> missing = get(api.base().resolve("/client/python/sandboxopt-9.9-py3-none-any.whl"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Api.JSON.readTree(missing.body()).get("code").asText()).isEqualTo("FILE_NOT_FOUND");

        Venv.Result version = venv.run("python", List.of("-m", "sandboxopt", "--version"), Map.of());
        assertThat(version.stdout().trim()).isEqualTo("sandboxopt " + link.group(2));
        Venv.Result shown = venv.run("pip", List.of("show", "-f", "sandboxopt"), Map.of());
        assertThat(shown.stdout()).contains("Version: " + link.group(2)).contains("sandboxopt/py.typed")
                .contains("../../../bin/sandboxopt");
    }

    @Test
    void modelsUploadInVersionsAndBadUploadsRaiseTheServersCode() {
        assertChecksPass("models", api.base());
    }

    @Test
    void jobsRunFollowWaitCancelAndLeaveTheirFiles() {
        assertChecksPass("jobs", api.base());
    }

    @Test
    void dataSourcesUploadListAndDownload() {
        assertChecksPass("data", api.base());
    }

    @Test
    void schedulesAndExperimentsWork() {
        assertChecksPass("schedules", api.base());
    }

    @Test
    void theCommandLineShowsSchedulesAndExperimentsAndExitsByTheVerdict() {
        assertChecksPass("cli-experiments", api.base());
    }

    @Test
    void droppedConnectionsAreResumedOrRetriedOnlyWhereSafe() {
        assertChecksPass("resume", api.base());
    }

    @Test
    void theCommandLineColoursLinesOnATerminalOnly() {
        assertChecksPass("colours", api.base());
    }

    @Test
    void aServerThatIsDownIsAClearErrorInPythonAndOnTheCommandLine() throws IOException {
        String dead = deadUrl();
        assertChecksPass("down", api.base(), Map.of("DEAD_URL", dead));
        Venv.Result down = cli(List.of("--server", dead, "models"), Map.of());
        assertThat(down.code()).as(down.toString()).isEqualTo(3);
        assertThat(down.stderr()).contains("Cannot reach the server at " + dead).contains("CONNECTION_FAILED")
                .doesNotContain("Traceback");
    }

    @Test
    void withSecurityOnTheWheelIsPublicAndAWrongTokenIsRefused() {
        secured = TestServers.startOwn("python-client-secured", Map.of("sandbox.security.enabled", true,
                "sandbox.security.admin-password", "python-admin-secret", "sandbox.api-token", TOKEN));
        URI base = secured.getURI();
        HttpResponse<String> page = get(base.resolve("/client/python/"));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher link = WHEEL_LINK.matcher(page.body());
        assertThat(link.find()).isTrue();
        assertThat(get(base.resolve("/client/python/" + link.group(1))).statusCode()).isEqualTo(200);

        assertChecksPass("security", base, Map.of("SANDBOX_TOKEN", TOKEN));
        Venv.Result wrong = cli(List.of("models"), Map.of("SANDBOXOPT_URL", base.toString(), "SANDBOXOPT_TOKEN", "wrong"));
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("401 UNAUTHORIZED").doesNotContain("Traceback");
        Venv.Result right = cli(List.of("models", "--json"), Map.of("SANDBOXOPT_URL", base.toString(), "SANDBOXOPT_TOKEN", TOKEN));
        assertThat(right.code()).as(right.toString()).isZero();
        assertThat(right.stdout().trim()).startsWith("[");
    }

    @Test
    void runFollowsAFileAndExitsZeroOnSuccessOneOnFailureAndTwoOnBadArguments() throws IOException {
        Map<String, String> env = Map.of("SANDBOXOPT_URL", api.base().toString());
        Venv.Result ok = cli(List.of("run", "../models/sample_dmo_model.py", "--config", "{\"hours\": 6}", "--follow"), env);
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).contains("Uploaded DMO_").containsPattern("(?m)^\\s+1 INFO\\s")
                .containsPattern("Job DMO_\\S+ ended success after \\d+ ms; result: \\{")
                .contains("metric  objective = ").contains("progress ").doesNotContain("\u001b[");

        Path failing = Files.createTempFile("failing_so_", ".py");
        Files.writeString(failing, "print('going down')\nraise RuntimeError('the model gave up')\n");
        Venv.Result failed = cli(List.of("run", failing.toString(), "--follow"), env);
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.stdout()).contains("going down").contains("ended failed").contains("the model gave up");
        assertThat(failed.stdout()).contains("Job SO_");  // its type guessed from the file name

        Venv.Result brokenConfig = cli(List.of("run", "../models/sample_dmo_model.py", "--config", "{hours: 6"), env);
        assertThat(brokenConfig.code()).isEqualTo(2);
        assertThat(brokenConfig.stderr()).contains("--config is not valid JSON").doesNotContain("Traceback");
        Venv.Result notAnObject = cli(List.of("run", "some-model", "--config", "[1]"), env);
        assertThat(notAnObject.code()).isEqualTo(2);
        assertThat(notAnObject.stderr()).contains("must be a JSON object");
        Venv.Result unknown = cli(List.of("run", "no-such-model-id"), env);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("MODEL_NOT_FOUND").doesNotContain("Traceback");
        Venv.Result noFile = cli(List.of("run", "no/such/model.py"), env);
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("No such model file");
        Venv.Result badOption = cli(List.of("run", "x", "--colour"), env);
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.stderr()).contains("unrecognized arguments: --colour");
        Venv.Result unknownData = cli(List.of("run", "../models/sample_dmo_model.py", "--data", "no-such-data"), env);
        assertThat(unknownData.code()).isEqualTo(2);
        assertThat(unknownData.stderr()).contains("DATA_SOURCE_NOT_FOUND");
    }

    @Test
    void everyCommandPrintsJsonForScriptsAndHelpWithExamples() throws IOException {
        Map<String, String> env = Map.of("SANDBOXOPT_URL", api.base().toString());
        for (List<String> command : List.of(List.<String>of(), List.of("run"), List.of("logs"), List.of("data"), List.of("data", "upload"), List.of("data", "list"), List.of("data", "download"), List.of("job"),
                List.of("artifacts"), List.of("models"), List.of("jobs"), List.of("cancel"), List.of("upload"),
                List.of("schedules"), List.of("schedule"), List.of("experiments"), List.of("experiment"),
                List.of("experiment", "create"))) {
            List<String> arguments = new ArrayList<>(command);
            arguments.add("--help");
            Venv.Result help = cli(arguments, env);
            assertThat(help.code()).as(arguments + "\n" + help).isZero();
            assertThat(help.stdout()).contains("examples:").contains("--json").contains("--server");
        }

        Venv.Result uploaded = cli(List.of("upload", "../models/sample_dmo_model.py", "--json"), env);
        assertThat(uploaded.code()).as(uploaded.toString()).isZero();
        String modelId = json(uploaded).get("id").asText();
        assertThat(json(cli(List.of("models", "--json", "--type", "dmo"), env))).anySatisfy(m ->
                assertThat(m.get("id").asText()).isEqualTo(modelId));

        Venv.Result data = cli(List.of("data", "upload", "cli-market", "../models/data/dmo/bids.csv",
                "../models/data/dmo/offers.csv", "../models/data/dmo/block_bids.csv", "../models/data/dmo/load_forecast.csv",
                "../models/data/dmo/units.csv", "--json"), env);
        assertThat(data.code()).as(data.toString()).isZero();
        assertThat(json(data).get("name").asText()).isEqualTo("cli-market");
        assertThat(json(cli(List.of("data", "list", "--name", "cli-market", "--json"), env))).hasSizeGreaterThan(0);

        Path market = Files.createTempDirectory("market");
        Venv.Result downloaded = cli(List.of("data", "download", "cli-market", "--to", market.toString(), "--file",
                "bids.csv"), env);
        assertThat(downloaded.code()).as(downloaded.toString()).isZero();
        assertThat(market.resolve("bids.csv")).hasSameBinaryContentAs(Path.of("../models/data/dmo/bids.csv"));

        Venv.Result run = cli(List.of("--json", "run", modelId, "--data", "cli-market", "--publish-as", "cli-prices",
                "--deadline", java.time.Instant.now().plusSeconds(600).toString()), env);
        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode job = json(run);
        String jobId = job.get("jobId").asText();
        assertThat(job.get("status").asText()).isEqualTo("success");
        assertThat(run.stderr()).contains("Job " + jobId);  // steps on stderr, stdout only JSON
        assertThat(job.get("publishAs").asText()).isEqualTo("cli-prices");
        assertThat(job.get("deadline").isNull()).isFalse();

        Venv.Result logs = cli(List.of("logs", jobId, "--json"), env);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.stdout().split("\n")) {
            lines.add(Api.JSON.readTree(line));
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0).get("seq").asInt()).isEqualTo(1);
        Venv.Result followed = cli(List.of("logs", jobId, "--follow"), env);
        assertThat(followed.code()).isZero();
        assertThat(followed.stdout().split("\n")).hasSize(lines.size());

        assertThat(json(cli(List.of("jobs", "--json", "--limit", "5"), env))).anySatisfy(j ->
                assertThat(j.get("jobId").asText()).isEqualTo(jobId));
        assertThat(json(cli(List.of("job", jobId, "--json"), env)).get("dataSourceId").asText()).startsWith("ds_");

        Path folder = Files.createTempDirectory("artifacts");
        Venv.Result artifacts = cli(List.of("artifacts", jobId, "--download", folder.toString(), "--json"), env);
        assertThat(artifacts.code()).as(artifacts.toString()).isZero();
        assertThat(json(artifacts)).anySatisfy(a -> assertThat(a.get("name").asText()).isEqualTo("prices.csv"));
        assertThat(folder.resolve("prices.csv")).isNotEmptyFile();

        String ticking = api.uploadModel("cli_ticking.py", "import time\nfor i in range(100):\n    print(i)\n"
                + "    time.sleep(0.1)\n", "DMO");
        String runningJob = json(cli(List.of("run", ticking, "--no-wait", "--json"), env)).get("jobId").asText();
        Venv.Result cancelled = cli(List.of("cancel", runningJob), env);
        assertThat(cancelled.code()).as(cancelled.toString()).isZero();
        assertThat(cancelled.stdout()).contains("Job " + runningJob);
        api.awaitEnded(runningJob, java.time.Duration.ofSeconds(30));
        Venv.Result again = cli(List.of("cancel", runningJob), env);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.stderr()).contains("JOB_ALREADY_FINISHED");
        Venv.Result script = venv.run("sandboxopt", List.of("jobs", "--json", "--status", "cancelled"), env);
        assertThat(script.code()).as(script.toString()).isZero();  // the console script of the wheel
        assertThat(json(script)).anySatisfy(j -> assertThat(j.get("jobId").asText()).isEqualTo(runningJob));
    }

    @Test
    void theNotebookExampleUploadsRunsFollowsAndPrintsThePrices() {
        Venv.Result example = venv.run("python", List.of("../sandbox-examples/python/notebook_dmo.py", "--server",
                api.base().toString()), Map.of());
        assertThat(example.code()).as(example.toString()).isZero();
        assertThat(example.stdout()).contains("model DMO_").contains("data source dmo-market version ")
                .containsPattern("(?m)^\\s+1 INFO\\s").containsPattern("ended success; welfare [0-9,]+\\.\\d\\d")
                .contains("hour  price (EUR/MWh)").containsPattern("(?m)^\\s+23\\s+\\d+\\.\\d\\d$");
    }

    private Venv.Result cli(List<String> arguments, Map<String, String> env) {
        List<String> all = new ArrayList<>(List.of("-m", "sandboxopt"));
        all.addAll(arguments);
        return venv.run("python", all, env);
    }

    private void assertChecksPass(String group, URI server) {
        assertChecksPass(group, server, Map.of());
    }

    private void assertChecksPass(String group, URI server, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SANDBOX_REPO", Path.of("..").toAbsolutePath().normalize().toString());
        Venv.Result result = venv.run("python", List.of(checks.toString(), group, server.toString()), all);
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("ok ").doesNotContain("FAIL");
    }

    private static JsonNode json(Venv.Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        try {
            return Api.JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
