package com.sandboxopt.core.internal.logs;

import com.sandboxopt.core.internal.util.Now;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every line of one job passes here: it gets the next seq, counts against the output cap, goes to
 * the job's log file and to the batch writer, which tells the listeners once it is stored, in seq order.
 */
public final class JobLog {
    private final String jobId;
    private final Limits limits;
    private final LogFile file;
    private final LogBatchWriter writer;
    private final LineSplitter stdout = new LineSplitter(lines -> emitLines(LogLevel.INFO, lines));
    private final LineSplitter stderr = new LineSplitter(lines -> emitLines(LogLevel.ERROR, lines));
    private final Consumer<LogLine> announce;

    private long seq;
    private long keptBytes;
    private long droppedLines;

    public JobLog(String jobId, ModelType modelType, Limits limits, LogFile file, LogBatchWriter writer,
                  JobListener listeners) {
        this.jobId = jobId;
        this.limits = limits;
        this.file = file;
        this.writer = writer;
        this.announce = line -> listeners.onLog(new LogEvent(jobId, modelType, line.seq(), line.level(), line.message(),
                line.timestamp()));
    }

    /** Continues the numbering of an earlier attempt's lines (a job queued again after its node stopped). */
    public synchronized void resumeAfter(long lastSeq) {
        seq = Math.max(seq, lastSeq);
    }

    /** Where the guest's {@code print} goes: one INFO line per line. */
    public LineSplitter stdout() {
        return stdout;
    }

    /** Where the guest's standard error goes: one ERROR line per line. */
    public LineSplitter stderr() {
        return stderr;
    }

    /** Emits a message; a message with line breaks becomes one line per part, all of this level. */
    public void emit(LogLevel level, String message) {
        List<String> lines = new ArrayList<>(1);
        int start = 0;
        int end;
        while ((end = message.indexOf('\n', start)) >= 0) {
            lines.add(stripCarriageReturn(message.substring(start, end)));
            start = end + 1;
        }
        lines.add(stripCarriageReturn(message.substring(start)));
        emitLines(level, lines);
    }

    /**
     * Emits lines (without line breaks) that arrived together, e.g. one write of a printing model: they get the
     * same timestamp and go to the file and the writer in one piece, so a print loop costs little per line here.
     */
    public synchronized void emitLines(LogLevel level, List<String> lines) {
        Instant now = Now.instant();
        List<LogLine> kept = new ArrayList<>(lines.size());
        for (String line : lines) {
            long bytes = utf8Length(line);
            if (seq >= limits.maxOutputLines() || keptBytes + bytes > limits.maxOutputBytes()) {
                droppedLines++;
                continue;
            }
            keptBytes += bytes;
            kept.add(new LogLine(jobId, ++seq, level, line, now));
        }
        append(kept);
    }

    private void append(List<LogLine> lines) {
        if (!lines.isEmpty()) {
            file.write(lines);
            writer.addLines(lines, announce);
        }
    }

    /** Stores the metric point with the log's next batch, then runs {@code whenStored} (telling listeners). */
    public void metric(com.sandboxopt.core.Metric point, Runnable whenStored) {
        writer.addMetric(point, whenStored);
    }

    /** Runs {@code event} (telling listeners of progress) once the lines emitted before it are stored. */
    public void announce(Runnable event) {
        writer.announce(event);
    }

    /** Lines kept so far. */
    public synchronized long lineCount() {
        return seq;
    }

    /**
     * Ends the job's log: flushes partial lines, reports dropped lines in one WARNING, closes the
     * file and waits until every line is stored.
     */
    public void finish() {
        stdout.finish();
        stderr.finish();
        synchronized (this) {
            if (droppedLines > 0) {
                append(List.of(new LogLine(jobId, ++seq, LogLevel.WARNING, "Output limit reached: " + droppedLines
                        + " further lines were dropped (limit " + limits.maxOutputLines() + " lines or "
                        + limits.maxOutputBytes() + " bytes per job)", Now.instant())));
            }
            file.close();
        }
        writer.flushAndWait(Duration.ofSeconds(60));
    }

    /** What {@code line.getBytes(UTF_8).length} would say, without making the bytes. */
    static long utf8Length(String line) {
        int length = line.length();
        long bytes = length;
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(line.charAt(i + 1))) {
                bytes += 2; // a pair: 4 bytes for its 2 chars
                i++;
            } // a lone surrogate is written as '?', 1 byte
        }
        return bytes;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
