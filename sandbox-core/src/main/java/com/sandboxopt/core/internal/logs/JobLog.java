package com.sandboxopt.core.internal.logs;

import com.sandboxopt.core.internal.Now;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Every line of one job passes here: it gets the next seq, counts against the output cap, goes to
 * the job's log file and to the batch writer, which tells the listeners once it is stored, in seq order.
 */
public final class JobLog {
    private final String jobId;
    private final ModelType modelType;
    private final Limits limits;
    private final LogFile file;
    private final LogBatchWriter writer;
    private final JobListener listeners;
    private final LineSplitter stdout = new LineSplitter(line -> emit(LogLevel.INFO, line));
    private final LineSplitter stderr = new LineSplitter(line -> emit(LogLevel.ERROR, line));

    private long seq;
    private long keptBytes;
    private long droppedLines;

    public JobLog(String jobId, ModelType modelType, Limits limits, LogFile file, LogBatchWriter writer,
                  JobListener listeners) {
        this.jobId = jobId;
        this.modelType = modelType;
        this.limits = limits;
        this.file = file;
        this.writer = writer;
        this.listeners = listeners;
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
    public synchronized void emit(LogLevel level, String message) {
        int start = 0;
        int end;
        while ((end = message.indexOf('\n', start)) >= 0) {
            emitLine(level, stripCarriageReturn(message.substring(start, end)));
            start = end + 1;
        }
        emitLine(level, stripCarriageReturn(message.substring(start)));
    }

    private void emitLine(LogLevel level, String line) {
        long bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (seq >= limits.maxOutputLines() || keptBytes + bytes > limits.maxOutputBytes()) {
            droppedLines++;
            return;
        }
        keptBytes += bytes;
        append(level, line);
    }

    private void append(LogLevel level, String line) {
        LogLine stored = new LogLine(jobId, ++seq, level, line, Now.instant());
        file.write(stored);
        LogEvent event = new LogEvent(jobId, modelType, stored.seq(), level, line, stored.timestamp());
        writer.add(stored, () -> listeners.onLog(event));
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
                append(LogLevel.WARNING, "Output limit reached: " + droppedLines + " further lines were dropped (limit "
                        + limits.maxOutputLines() + " lines or " + limits.maxOutputBytes() + " bytes per job)");
            }
            file.close();
        }
        writer.flushAndWait(Duration.ofSeconds(60));
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
