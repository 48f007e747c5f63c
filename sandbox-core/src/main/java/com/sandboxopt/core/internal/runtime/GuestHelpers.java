package com.sandboxopt.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of {@code models/sandbox.py} (the build puts it in the jar beside this class): the helpers of the
 * guest's {@code sandbox} module written in plain Python (config with defaults, input files, CSV tables in and
 * out). Both runtimes hand it to {@code sandbox_api.py}, which runs it in the module the first time a model asks
 * for one of them; under plain python3 outside the sandbox the same file is the {@code sandbox} module itself.
 */
public final class GuestHelpers {
    /** The source text. */
    public static final String SOURCE = read();

    private GuestHelpers() {
    }

    /** {@code name = "<the source>"}: a Python statement, for a bootstrap made of Python text. */
    public static String assignment(String name) {
        StringBuilder statement = new StringBuilder(name).append(" = \"");
        SOURCE.codePoints().forEach(c -> {
            if (c == '\\' || c == '"') {
                statement.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                statement.append("\\n");
            } else if (c >= 0x20 && c < 0x7f) {
                statement.appendCodePoint(c);
            } else {
                statement.append(String.format("\\U%08x", c));
            }
        });
        return statement.append("\"\n").toString();
    }

    private static String read() {
        try (InputStream in = GuestHelpers.class.getResourceAsStream("sandbox.py")) {
            if (in == null) {
                throw new IllegalStateException("sandbox.py (models/sandbox.py) is missing from the sandbox-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
