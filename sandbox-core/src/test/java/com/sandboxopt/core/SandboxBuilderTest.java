package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxBuilderTest {
    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> Sandbox.builder().poolSize(0).build()).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> Sandbox.builder().maxQueueLength(-1).build()).hasMessageContaining("maxQueueLength");
        assertThatThrownBy(() -> Sandbox.builder().maxModelBytes(0).build()).hasMessageContaining("maxModelBytes");
        assertThatThrownBy(() -> Sandbox.builder().memoryLimitFraction(1.5).build()).hasMessageContaining("memoryLimitFraction");
        assertThatThrownBy(() -> Sandbox.builder().preImports(java.util.List.of("json", "os; import x")).build())
                .hasMessageContaining("preImports: 'os; import x' is not a Python module name");
        assertThatThrownBy(() -> Sandbox.builder().compilerThreads(-1).build())
                .hasMessageContaining("compilerThreads must be between 0 and 64, was -1");
        assertThatThrownBy(() -> Limits.defaults().withWallTime(Duration.ZERO)).hasMessageContaining("wallTime");
        assertThatThrownBy(() -> Limits.defaults().withMaxOutputLines(0)).hasMessageContaining("maxOutputLines");
    }
}
