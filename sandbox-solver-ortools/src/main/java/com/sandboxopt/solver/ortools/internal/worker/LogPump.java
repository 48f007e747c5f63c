package com.sandboxopt.solver.ortools.internal.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

/**
 * Reads what native code prints and forwards it line by line as log frames. A solve ends with a
 * marker line printed after the native buffers were flushed; seeing it tells the solving thread
 * that every line of that solve has been forwarded, so the result frame comes after them.
 */
final class LogPump implements Runnable {
    static final String MARKER = "\u0000sandbox-solve-end\u0000";

    private final InputStream log;
    private final Frames frames;
    private final Semaphore markers = new Semaphore(0);
    private volatile Predicate<String> dropped = line -> false;

    LogPump(InputStream log, Frames frames) {
        this.log = log;
        this.frames = frames;
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = log.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        emit(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(3); // the worker cannot report anything any more
        }
    }

    private void emit(String text) throws IOException {
        if (text.endsWith(MARKER)) {
            String rest = text.substring(0, text.length() - MARKER.length());
            if (!rest.isEmpty()) {
                frames.log(rest);
            }
            markers.release();
        } else if (!dropped.test(text)) {
            frames.log(text);
        }
    }

    /** Lines of the coming solve that are not forwarded. */
    void drop(Predicate<String> lines) {
        this.dropped = lines;
    }

    /** Prints the marker and waits until it came through: every line printed before it has been sent. */
    void drain() throws InterruptedException {
        System.out.print(MARKER + "\n");
        System.out.flush();
        markers.acquire();
    }
}
