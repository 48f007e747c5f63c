package com.sandboxopt.core.internal.runtime.graalpy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** Sends what the engine itself prints (not a job's output) to SLF4J, one warning per line. */
final class Slf4jLineStream extends OutputStream {
    private final Logger logger;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Slf4jLineStream(Logger logger) {
        this.logger = logger;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            logger.warn("[engine] {}", line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }
}
