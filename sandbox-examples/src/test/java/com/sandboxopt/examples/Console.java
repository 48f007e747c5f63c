package com.sandboxopt.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Captures what an example prints while it runs. */
final class Console {
    interface Action {
        void run() throws Exception;
    }

    private Console() {
    }

    static String output(Action action) throws Exception {
        return capture(() -> System.out, System::setOut, action);
    }

    static String error(Action action) throws Exception {
        return capture(() -> System.err, System::setErr, action);
    }

    private static String capture(Supplier<PrintStream> current, Consumer<PrintStream> replace, Action action)
            throws Exception {
        PrintStream original = current.get();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        replace.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            replace.accept(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
