package com.sandboxopt.core.internal.logs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The stream a guest's stdout or stderr writes to: joins partial writes and hands over one
 * UTF-8 line at a time (without its line break). {@link #finish()} hands over a last partial line.
 */
public final class LineSplitter extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emitPending();
        } else {
            pending.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i - start);
                emitPending();
                start = i + 1;
            }
        }
        pending.write(bytes, start, end - start);
    }

    /** Hands over what is left after the last line break, if anything. */
    public synchronized void finish() {
        if (pending.size() > 0) {
            emitPending();
        }
    }

    private void emitPending() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        lines.accept(line);
    }
}
