package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.internal.runtime.GuestHelpers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code models/sandbox.py}, the {@code sandbox} module a model imports when it runs with plain python3 outside
 * the sandbox: the guest's helpers file itself, so that a model reads its config and data the same way there.
 */
class LocalSandboxModuleTest {
    private static final Path LOCAL_MODULE = Path.of("..", "models", "sandbox.py");

    @Test
    void theGuestHelpersAreTheLocalModuleAsTheBuildCopiedIt() throws Exception {
        assertThat(GuestHelpers.SOURCE).as("the jar carries models/sandbox.py (sandbox-core's pom, resources)")
                .isEqualTo(Files.readString(LOCAL_MODULE));
    }

    @Test
    void underPlainPython3ItStandsInForTheHostAndReadsTheFolderInDataDir() throws Exception {
        Path work = TestSandbox.tempDirectory();
        Path data = Files.createDirectories(work.resolve("market"));
        String units = "unit,pmax_mw\nG1,200\nG2,15o\n";
        Files.writeString(data.resolve("units.csv"), units);
        Files.writeString(work.resolve("model.py"), String.join("\n",
                "import sandbox",
                "p = sandbox.read_config({'hours': 24})",
                "data = sandbox.find_data()",
                "print(sandbox.job_id[:6], p, data)",
                "sandbox.progress(0.5, 'half')",
                "sandbox.metric('objective', 1.0, step=1)",
                "try:",
                "    data.read_table('units.csv', {'unit': str, 'pmax_mw': sandbox.number})",
                "except ValueError as e:",
                "    print(e)",
                "sandbox.result({'dataSource': data.reference()})", ""));

        ProcessBuilder python = new ProcessBuilder("/usr/bin/python3", "model.py", "{\"hours\": 6, \"dataDir\": \"market\"}")
                .directory(work.toFile()).redirectErrorStream(true);
        python.environment().put("PYTHONPATH", LOCAL_MODULE.getParent().toAbsolutePath().normalize().toString());
        Process process = python.start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

        assertThat(process.waitFor()).as(String.join("\n", lines)).isZero();
        assertThat(lines).containsExactly(
                "LOCAL_ {'hours': 6} folder market (units.csv " + units.length() + " B)",
                "units.csv line 3: column pmax_mw must be a number, got '15o'",
                "{\"dataSource\": {\"id\": null, \"name\": \"market\", \"version\": null, \"path\": \"market\"}}");
    }
}
