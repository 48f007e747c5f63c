package com.sandboxopt.core.internal.logs;

import com.sandboxopt.core.LogLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's log file, one line per event: {@code [<ISO timestamp>] <LEVEL> <message>}. A file that
 * cannot be written is reported once; the job and its database lines go on without it.
 */
public final class LogFile {
    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);
    private static final long FLUSH_EVERY_NANOS = 200_000_000L;

    private final Path path;
    private Writer out;
    private long lastFlush = System.nanoTime();
    private Instant stampOf;
    private String stamp;

    public LogFile(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.getParent());
            out = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 64 * 1024);
        } catch (IOException e) {
            fail(e);
        }
    }

    public Path path() {
        return path;
    }

    /** Formats one line as it appears in the file. */
    public static String format(LogLine line) {
        return "[" + line.timestamp() + "] " + line.level() + " " + line.message();
    }

    /** Writes lines as {@link #format} does; lines that arrived together share a timestamp, formatted once. */
    void write(List<LogLine> lines) {
        if (out == null) {
            return;
        }
        try {
            for (LogLine line : lines) {
                if (!line.timestamp().equals(stampOf)) {
                    stampOf = line.timestamp();
                    stamp = "[" + stampOf + "] ";
                }
                out.write(stamp);
                out.write(line.level().name());
                out.write(' ');
                out.write(line.message());
                out.write('\n');
            }
            long now = System.nanoTime();
            if (now - lastFlush > FLUSH_EVERY_NANOS) { // so a live download sees recent lines
                out.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        LOG.error("Cannot write log file {}; the job's lines are still stored in the database", path, e);
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already reported
            }
        }
        out = null;
    }
}
