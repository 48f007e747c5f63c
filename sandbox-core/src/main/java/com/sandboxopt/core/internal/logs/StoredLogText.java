package com.sandboxopt.core.internal.logs;

import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.storage.JobStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A job's stored lines as the text of its log file, read a page at a time: what any node can serve,
 * whichever node ran the job (the file itself is on that node's disk).
 */
public final class StoredLogText extends InputStream {
    private static final int PAGE = 5_000;

    private final JobStore storage;
    private final String jobId;
    private long afterSeq;
    private byte[] page = new byte[0];
    private int position;
    private boolean done;

    public StoredLogText(JobStore storage, String jobId) {
        this.storage = storage;
        this.jobId = jobId;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return page[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, page.length - position);
        System.arraycopy(page, position, into, offset, n);
        position += n;
        return n;
    }

    private boolean fill() {
        while (position >= page.length) {
            if (done) {
                return false;
            }
            List<LogLine> lines = storage.readLogs(jobId, LogQuery.after(afterSeq, PAGE));
            done = lines.size() < PAGE;
            StringBuilder text = new StringBuilder();
            for (LogLine line : lines) {
                text.append(LogFile.format(line)).append('\n');
                afterSeq = line.seq();
            }
            page = text.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }
}
