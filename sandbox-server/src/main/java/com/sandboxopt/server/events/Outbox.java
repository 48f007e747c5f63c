package com.sandboxopt.server.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The messages on their way to one client, at most {@code capacity} not yet written to its
 * socket. One writer task at a time hands them to the transport in order, never from a network
 * thread (Netty runs a write from its own thread at once, ahead of writes queued by others); when
 * the client reads so slowly that {@code capacity} are pending, new messages are dropped until
 * half have been written, then an {@code optimization:lagged} notice says how many were dropped
 * and, per job, the last log seq that went out, so the client can replay the rest.
 * <p>A client that connected with {@code ?batch=true} gets what piled up while its previous
 * message was on the wire as one {@code optimization:batch} message (up to {@link #BATCH_EVENTS}
 * events): a chatty job then costs one WebSocket message per batch, not per line. Full batches
 * go one after the other without waiting for the one before to be written.
 * Guarded by the owning connection's lock.
 */
final class Outbox {
    static final int BATCH_EVENTS = 500;
    private static final int BATCH_CHARS = 512 * 1024;

    private final Function<String, CompletableFuture<?>> transport;
    private final int capacity;
    private final Object lock;
    private final Executor writer;
    private final boolean batch;
    private final ArrayDeque<String> toWrite = new ArrayDeque<>();
    private boolean writing;
    private final Map<String, Long> lastSeqSent = new LinkedHashMap<>();
    private final Map<String, Long> laggedJobs = new LinkedHashMap<>();
    private int pending;
    private boolean lagging;
    private long dropped;
    private boolean closed;

    Outbox(Function<String, CompletableFuture<?>> transport, int capacity, Object lock, Executor writer, boolean batch) {
        this.transport = transport;
        this.batch = batch;
        this.capacity = Math.max(2, capacity);
        this.lock = lock;
        this.writer = writer;
    }

    /** Sends a message; false when it was dropped because the client lags (or is gone). */
    boolean add(String json) {
        return add(json, null, 0);
    }

    boolean add(OutboundEvent event) {
        return add(event.json(), event.jobId(), event.kind() == OutboundEvent.Kind.LOG ? event.seq() : 0);
    }

    private boolean add(String json, String jobId, long seq) {
        if (closed) {
            return false;
        }
        if (!hasRoom()) {
            lagging = true;
            dropped++;
            if (jobId != null) {
                laggedJobs.put(jobId, lastSeqSent.getOrDefault(jobId, 0L));
            }
            return false;
        }
        if (seq > 0) {
            lastSeqSent.put(jobId, seq);
        }
        send(json);
        return true;
    }

    /** Forgets the last seq of an ended job unless a lagged notice still has to name it. */
    void forget(String jobId) {
        if (!laggedJobs.containsKey(jobId)) {
            lastSeqSent.remove(jobId);
        }
    }

    boolean lagging() {
        return lagging;
    }

    /** True when a message added now would be sent, not dropped. */
    boolean hasRoom() {
        return !closed && !lagging && pending < capacity;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        toWrite.clear();
        lock.notifyAll();
    }

    private void send(String json) {
        pending++;
        toWrite.add(json);
        if (!writing) {
            writing = true;
            writer.execute(this::write);
        }
    }

    /**
     * Hands queued messages to the transport in order; only one runs at a time. Batching clients
     * have one batch on the wire at a time: the next one leaves when it is written.
     */
    private void write() {
        while (true) {
            String next;
            List<String> events = null;
            synchronized (lock) {
                next = toWrite.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
                if (batch && !toWrite.isEmpty()) {
                    events = new ArrayList<>();
                    events.add(next);
                    int chars = next.length();
                    while (events.size() < BATCH_EVENTS && !toWrite.isEmpty() && chars < BATCH_CHARS) {
                        String more = toWrite.poll();
                        events.add(more);
                        chars += more.length();
                    }
                }
            }
            // built outside the lock: the job's events keep being queued meanwhile
            int sentCount = events == null ? 1 : events.size();
            if (events != null) {
                next = EventMessages.batch(events);
            }
            CompletableFuture<?> sent;
            try {
                sent = transport.apply(next);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            if (!batch) {
                sent.whenComplete((ignored, error) -> written(error, sentCount));
                continue;
            }
            boolean fullBatchWaits;
            synchronized (lock) {
                fullBatchWaits = toWrite.size() >= BATCH_EVENTS;
            }
            if (fullBatchWaits) {
                // a full batch is ready: it goes now, behind this one (events pile up while one is on the wire only
                // when fewer than a batch wait; a chatty job's lines must not wait a round trip per 500)
                sent.whenComplete((ignored, error) -> written(error, sentCount));
                continue;
            }
            sent.whenComplete((ignored, error) -> {
                written(error, sentCount);
                writer.execute(this::write); // the next batch: what piled up meanwhile
            });
            return;
        }
    }

    private void written(Throwable error, int count) {
        synchronized (lock) {
            pending -= count;
            if (error != null) {
                close();
                return;
            }
            if (lagging && pending <= capacity / 2) {
                lagging = false;
                String notice = EventMessages.lagged(dropped, new LinkedHashMap<>(laggedJobs));
                laggedJobs.keySet().forEach(lastSeqSent::remove);
                laggedJobs.clear();
                dropped = 0;
                send(notice);
            }
            lock.notifyAll();  // a replay may be waiting for room
        }
    }
}
