package com.sandboxopt.core.internal.logs;

import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.storage.SandboxStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores log lines in batches on one background thread, so a chatty model never waits for one
 * transaction per line, and only then announces them: what a line's listeners hear is already stored, so a
 * client that was shown a line finds it after any crash. Other events of a job (progress, metrics) queue
 * behind its earlier lines and are announced after them, so their order is the order the job emitted.
 * The queue is bounded: when storage falls behind, the job's thread waits (the job slows down) rather than
 * lines being lost.
 */
public final class LogBatchWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogBatchWriter.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 5_000;
    private static final int ATTEMPTS = 3;
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * How long a small batch waits for more lines. Without it a model printing steadily (20,000
     * lines/s) got a transaction every few lines, and the writer burned a whole core on a file
     * database (32-45 us per line against 0.9 in full batches).
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long lingerNanos;

    private final SandboxStorage storage;
    private final WriterQueue queue = new WriterQueue(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;

    /** Queued after lines; completes once everything before it is stored. */
    private record FlushMarker(CompletableFuture<Void> done) {
    }

    /** Lines of one job in seq order to store, and what to do with each once it is stored (tell its listeners). */
    private record Pending(List<LogLine> lines, Consumer<LogLine> whenStored) {
    }

    /** A metric point to store with the batch, and what to do once it is stored. */
    private record PendingMetric(Metric metric, Runnable whenStored) {
    }

    /** An event to announce once the lines queued before it are stored. */
    private record Announcement(Runnable announce) {
    }

    public LogBatchWriter(SandboxStorage storage) {
        this(storage, Duration.ofNanos(LINGER_NANOS));
    }

    /** With another wait for more lines than the default 50 ms (tests make it long, to tell a wait from none). */
    public LogBatchWriter(SandboxStorage storage, Duration linger) {
        this.storage = storage;
        this.lingerNanos = linger.toNanos();
        this.thread = new Thread(this::drainLoop, "sandbox-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    public void add(LogLine line) {
        add(line, null);
    }

    /** Stores the line, then runs {@code whenStored} (null: nothing), on the writer's thread, in queue order. */
    public void add(LogLine line, Runnable whenStored) {
        addLines(List.of(line), whenStored == null ? null : stored -> whenStored.run());
    }

    /**
     * Stores lines of one job (in seq order, e.g. those of one write), then runs {@code whenStored} (null: nothing)
     * for each, on the writer's thread, in queue order. A job's first line is stored at once, without the linger.
     */
    public void addLines(List<LogLine> lines, Consumer<LogLine> whenStored) {
        enqueue(new Pending(lines, whenStored), lines.size(), lines.get(0).seq() == 1, () -> {
            storeNow(lines);
            announce(lines, whenStored);
        });
    }

    /**
     * Stores the metric point with the next batch (one transaction for all its points, not one per point), then
     * runs {@code whenStored} on the writer's thread, in queue order.
     */
    public void addMetric(Metric metric, Runnable whenStored) {
        enqueue(new PendingMetric(metric, whenStored), 1, false, () -> {
            storeMetricsNow(List.of(metric));
            runQuietly(whenStored);
        });
    }

    /** Runs {@code announce} on the writer's thread once every line added before it is stored. */
    public void announce(Runnable announce) {
        enqueue(new Announcement(announce), 1, false, () -> runQuietly(announce));
    }

    private void enqueue(Object item, int weight, boolean urgent, Runnable ifInterrupted) {
        try {
            queue.put(item, weight, urgent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ifInterrupted.run();
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
            queue.put(new FlushMarker(done), 1, true);
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
        List<Object> items = new ArrayList<>();
        List<LogLine> lines = new ArrayList<>(MAX_BATCH);
        List<Metric> metrics = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                if (queue.take(items, MAX_BATCH, 1, IDLE_WAIT_NANOS) == 0) {
                    continue;
                }
                collectMore(items);
                for (Object item : items) {
                    if (item instanceof Pending pending) {
                        lines.addAll(pending.lines());
                    } else if (item instanceof PendingMetric point) {
                        metrics.add(point.metric());
                    }
                }
                storeNow(lines);
                storeMetricsNow(metrics);
                announceInOrder(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                items.clear();
                lines.clear();
                metrics.clear();
            }
        }
    }

    /** After the batch is stored: each line's listeners, each announcement and each flush, as they were queued. */
    private static void announceInOrder(List<Object> items) {
        for (Object item : items) {
            if (item instanceof Pending pending) {
                announce(pending.lines(), pending.whenStored());
            } else if (item instanceof PendingMetric point) {
                runQuietly(point.whenStored());
            } else if (item instanceof Announcement announcement) {
                runQuietly(announcement.announce());
            } else {
                ((FlushMarker) item).done().complete(null);
            }
        }
    }

    private static void announce(List<LogLine> lines, Consumer<LogLine> whenStored) {
        if (whenStored == null) {
            return;
        }
        for (LogLine line : lines) {
            try {
                whenStored.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("A log listener failed", e);
            }
        }
    }

    private static void runQuietly(Runnable action) {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A log listener failed", e);
        }
    }

    /**
     * Adds what is queued; while the batch is small, nobody waits for a flush, no job's first line is in it and
     * the writer is not closing, waits up to the linger ({@link #LINGER_NANOS} by default) for more, so lines that
     * trickle in share a transaction (the log file got them already; their listeners wait with them). A job's
     * first line goes at once: a job that just started shows its first output without the wait.
     */
    private void collectMore(List<Object> items) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        int weight = 0;
        int checked = 0;
        while (true) {
            for (; checked < items.size(); checked++) {
                Object item = items.get(checked);
                if (item instanceof FlushMarker || item instanceof Pending pending && pending.lines().get(0).seq() == 1) {
                    return;
                }
                weight += item instanceof Pending pending ? pending.lines().size() : 1;
            }
            long left = deadline - System.nanoTime();
            if (weight >= MAX_BATCH || !running || left <= 0) {
                return;
            }
            if (queue.take(items, MAX_BATCH - weight, MAX_BATCH - weight, left) == 0) {
                return;
            }
        }
    }

    private void storeNow(List<LogLine> lines) {
        if (!lines.isEmpty()) {
            withRetries(lines.size() + " log lines of job " + lines.get(0).jobId(), "they remain in the log file",
                    () -> storage.appendLogs(lines));
        }
    }

    private void storeMetricsNow(List<Metric> metrics) {
        if (!metrics.isEmpty()) {
            withRetries(metrics.size() + " metric points of job " + metrics.get(0).jobId(), "they were shown live only",
                    () -> storage.appendMetrics(metrics));
        }
    }

    /** A failed store is tried again twice, after 100 and 200 ms; the last failure is logged with what it costs. */
    private static void withRetries(String what, String ifLost, Runnable store) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                store.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.error("Could not store {} after {} attempts; {}", what, ATTEMPTS, ifLost, e);
                } else {
                    LOG.warn("Storing {} failed (attempt {}), retrying", what, attempt, e);
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
