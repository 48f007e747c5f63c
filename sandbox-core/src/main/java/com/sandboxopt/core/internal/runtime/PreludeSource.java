package com.sandboxopt.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Source;

/** Loads {@code sandbox_prelude.py}; one cached Source, so every context reuses its parsed code. */
final class PreludeSource {
    private PreludeSource() {
    }

    static Source load() {
        try (InputStream in = PreludeSource.class.getResourceAsStream("sandbox_prelude.py")) {
            if (in == null) {
                throw new IllegalStateException("sandbox_prelude.py is missing from the sandbox-core jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder(PythonRuntime.LANGUAGE, text, "<sandbox prelude>").buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
