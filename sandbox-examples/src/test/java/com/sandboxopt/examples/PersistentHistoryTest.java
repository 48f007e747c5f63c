package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentHistoryTest {
    @TempDir
    Path dataDir;

    @Test
    void readsModelsJobsAndLinesBackAfterARestart() throws Exception {
        String out = Console.output(() -> assertThat(PersistentHistory.run(new String[] {dataDir.toString()})).isZero());

        assertThat(out).contains("Ran SO_", ": success, then closed the Sandbox", "--- after the restart");
        String afterRestart = out.substring(out.indexOf("--- after the restart"));
        assertThat(afterRestart).containsPattern("model SO_\\d+_hello\\.py active, \\d+ bytes")
                .containsPattern("job   SO_\\S+ success, 2 lines, result \\{answer=42\\}")
                .contains("INFO    Hello from SO_", "config {'run': 'before restart'}",
                        "WARNING a warning is kept with its level")
                .doesNotContain("(missing)");
    }
}
