package com.sandboxopt.core.internal.runtime.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Source;

/** Loads the Python files every context evaluates; one cached Source each, so every context reuses the parsed code. */
final class PreludeSource {
    private PreludeSource() {
    }

    static Source load(String resource) {
        try (InputStream in = PreludeSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the sandbox-core jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return Source.newBuilder(PythonRuntime.LANGUAGE, text, "<" + name + ">").buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
