package com.sandboxopt.server.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's side of idempotency keys on its own: which keys it takes, and its settings. How keys are kept (the
 * window, the bound, one job per key at once, failures forgotten) is the core's, tested there on H2 and PostgreSQL
 * (KeyedAnswersTest, IdempotencyStorageContract), and over HTTP by IdempotentExecuteTest and MultiNodeIdempotencyTest.
 */
class IdempotencyKeysTest {

    @Test
    void keysAreTrimmedAndChecked() {
        assertThat(IdempotencyKeys.validKey(null, null)).isNull();
        assertThat(IdempotencyKeys.validKey("  abc ", null)).isEqualTo("abc");
        assertThat(IdempotencyKeys.validKey(null, "abc")).isEqualTo("abc");
        assertThat(IdempotencyKeys.validKey("abc", " abc")).isEqualTo("abc");
        assertThat(IdempotencyKeys.validKey("with inner spaces", null)).isEqualTo("with inner spaces");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("", null)).hasMessageContaining("1 to 200");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("x".repeat(201), null)).hasMessageContaining("201 characters");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("a\nb", null)).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> IdempotencyKeys.validKey("a", "b")).hasMessageContaining("differ");
    }

    @Test
    void settingsBelowOneAreRefusedNamingTheSetting() {
        // refused before the sandbox is asked for anything
        assertThatThrownBy(() -> new IdempotencyKeys(null, null, Duration.ZERO, 10))
                .hasMessageContaining("sandbox.idempotency.window");
        assertThatThrownBy(() -> new IdempotencyKeys(null, null, Duration.ofMinutes(1), 0))
                .hasMessageContaining("sandbox.idempotency.max-keys");
    }
}
