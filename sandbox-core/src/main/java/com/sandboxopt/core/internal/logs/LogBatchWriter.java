package com.sandboxopt.core.internal.logs;

import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.storage.SandboxStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores log lines in batches on one background thread, so a chatty model never waits for one
 * transaction per line. The queue is bounded: when storage falls behind, the job's thread waits
 * (the job slows down) rather than lines being lost.
 */
public final class LogBatchWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogBatchWriter.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 5_000;
    private static final int ATTEMPTS = 3;
    /**
     * How long a small batch waits for more lines. Without it a model printing steadily (20,000
     * lines/s) got a transaction every few lines, and the writer burned a whole core on a file
     * database (32-45 us per line against 0.9 in full batches).
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final SandboxStorage storage;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;

    /** Queued after lines; completes once everything before it is stored. */
    private record FlushMarker(CompletableFuture<Void> done) {
    }

    public LogBatchWriter(SandboxStorage storage) {
        this.storage = storage;
        this.thread = new Thread(this::drainLoop, "sandbox-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    public void add(LogLine line) {
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            storeNow(List.of(line));
        }
    }

    /** Completes once every line added before this call is stored. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.complete(null);
            return done;
        }
        try {
            queue.put(new FlushMarker(done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Waits for {@link #flush()}, logging rather than throwing when storage is too slow or broken. */
    public void flushAndWait(Duration timeout) {
        try {
            flush().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.error("Log lines were not all stored within {}", timeout, e);
        }
    }

    private void drainLoop() {
        List<Object> items = new ArrayList<>(MAX_BATCH);
        List<LogLine> lines = new ArrayList<>(MAX_BATCH);
        List<FlushMarker> markers = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                collectMore(items);
                for (Object item : items) {
                    if (item instanceof LogLine line) {
                        lines.add(line);
                    } else {
                        markers.add((FlushMarker) item);
                    }
                }
                storeNow(lines);
                markers.forEach(marker -> marker.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                items.clear();
                lines.clear();
                markers.clear();
            }
        }
    }

    /**
     * Adds what is queued; while the batch is small, nobody waits for a flush and the writer is
     * not closing, waits up to {@link #LINGER_NANOS} for more, so lines that trickle in share a
     * transaction (listeners and the log file got them already; only storing waits).
     */
    private void collectMore(List<Object> items) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER_NANOS;
        int checked = 0;
        while (true) {
            queue.drainTo(items, MAX_BATCH - items.size());
            for (; checked < items.size(); checked++) {
                if (items.get(checked) instanceof FlushMarker) {
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            if (items.size() >= MAX_BATCH || !running || left <= 0) {
                return;
            }
            Object next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            items.add(next);
        }
    }

    private void storeNow(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                storage.appendLogs(lines);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.error("Could not store {} log lines of job {} after {} attempts; they remain in the log file",
                            lines.size(), lines.get(0).jobId(), ATTEMPTS, e);
                } else {
                    LOG.warn("Storing {} log lines failed (attempt {}), retrying", lines.size(), attempt, e);
                    sleepQuietly(100L * attempt);
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        flushAndWait(Duration.ofSeconds(30));
        running = false; // no interrupt: H2 closes its file channel when a writing thread is interrupted
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
