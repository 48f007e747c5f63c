package com.sandboxopt.core.internal.logs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stream a guest's stdout or stderr writes to: joins partial writes and hands over the UTF-8 lines each
 * write completes (without their line breaks), all of them at once: a write of a thousand lines is one
 * hand-over, not a thousand. {@link #finish()} hands over a last partial line.
 */
public final class LineSplitter extends OutputStream {
    private final Consumer<List<String>> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

    public LineSplitter(Consumer<List<String>> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.accept(List.of(takePending()));
        } else {
            pending.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        List<String> complete = null;
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                if (complete == null) {
                    complete = new ArrayList<>();
                }
                complete.add(line(bytes, start, i));
                start = i + 1;
            }
        }
        pending.write(bytes, start, end - start);
        if (complete != null) {
            lines.accept(complete);
        }
    }

    /** Hands over what is left after the last line break, if anything. */
    public synchronized void finish() {
        if (pending.size() > 0) {
            lines.accept(List.of(takePending()));
        }
    }

    /** The line ending at {@code to} (exclusive): what is pending from earlier writes, then bytes[from, to). */
    private String line(byte[] bytes, int from, int to) {
        if (pending.size() == 0) {
            int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
            return new String(bytes, from, end - from, StandardCharsets.UTF_8);
        }
        pending.write(bytes, from, to - from);
        return takePending();
    }

    private String takePending() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
