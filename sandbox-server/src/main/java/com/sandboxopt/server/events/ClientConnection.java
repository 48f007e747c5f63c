package com.sandboxopt.server.events;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.events.OutboundEvent.Kind;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One WebSocket client: what it subscribed to and its {@link Outbox}. Events of a job it follows
 * by id go through a {@link JobFollow}, which replays stored lines first and then continues live,
 * buffering live events meanwhile and deduplicating by seq, so no line is lost or repeated. Lines are
 * stored before they are announced, so the replay needs no waiting for lines still on their way.
 */
public final class ClientConnection {
    private final Object lock = new Object();
    private final Sandbox sandbox;
    private final Executor blocking;
    private final Outbox outbox;
    private boolean everything;
    private final Set<ModelType> types = EnumSet.noneOf(ModelType.class);
    private final Map<String, JobFollow> follows = new HashMap<>();

    /** {@code batch}: the client asked for {@code optimization:batch} messages (see {@link Outbox}). */
    public ClientConnection(Sandbox sandbox, Executor blocking, Function<String, CompletableFuture<?>> transport,
                            int queueCapacity, boolean batch) {
        this.sandbox = sandbox;
        this.blocking = blocking;
        this.outbox = new Outbox(transport, queueCapacity, lock, blocking, batch);
    }

    /** Called by the hub on a job's thread: filter and queue, never block. */
    void offer(OutboundEvent event) {
        synchronized (lock) {
            JobFollow follow = follows.get(event.jobId());
            if (follow != null) {
                follow.live(event);
            } else if (everything || types.contains(event.modelType())) {
                outbox.add(event);
            }
            if (event.kind() == Kind.ENDED) {
                outbox.forget(event.jobId());
            }
        }
    }

    public void send(String json) {
        synchronized (lock) {
            outbox.add(json);
        }
    }

    public void subscribeAll() {
        synchronized (lock) {
            everything = true;
        }
    }

    public void subscribeType(ModelType type) {
        synchronized (lock) {
            types.add(type);
        }
    }

    public void unsubscribeAll() {
        synchronized (lock) {
            everything = false;
            types.clear();
            follows.clear();
        }
    }

    public void unsubscribeType(ModelType type) {
        synchronized (lock) {
            types.remove(type);
        }
    }

    public void unsubscribeJob(String jobId) {
        synchronized (lock) {
            follows.remove(jobId);
        }
    }

    /**
     * Follows one job: its {@code started}, its stored lines after {@code afterSeq}, its end if it
     * has ended, then live events. {@code ack} (null for none) is queued before any of them.
     */
    public void subscribeJob(String jobId, long afterSeq, String ack) {
        JobFollow follow;
        synchronized (lock) {
            // Following a job this connection already follows continues it: lines the earlier follow queued (in
            // order, none dropped) reach the client anyway, ahead of the new follow's, so they are not replayed
            // again. A client that lagged asks again from the last line it read while the earlier follow may
            // already be catching up by itself. Asked for lines from before the earlier follow began: replayed.
            JobFollow earlier = follows.get(jobId);
            long from = earlier != null && afterSeq >= earlier.firstSeq ? Math.max(afterSeq, earlier.lastSeq) : afterSeq;
            follow = new JobFollow(jobId, from);
            follows.put(jobId, follow);  // from here on live events of the job are buffered
            if (ack != null) {
                outbox.add(ack);
            }
        }
        blocking.execute(() -> follow.replay());
    }

    public void close() {
        synchronized (lock) {
            follows.clear();
            outbox.close();
        }
    }

    /**
     * Replays never overflow the outbox: they wait (on a blocking thread, releasing the lock) until
     * the client has read enough. False when the client or the subscription is gone meanwhile.
     */
    private boolean awaitRoom() {
        while (!outbox.hasRoom()) {
            if (outbox.closed()) {
                return false;
            }
            try {
                lock.wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The state of following one job by id. Guarded by the connection's lock. */
    private final class JobFollow {
        private final String jobId;
        private final ArrayDeque<OutboundEvent> buffer = new ArrayDeque<>();
        private final long firstSeq; // the afterSeq it began with
        private long lastSeq;
        private boolean catchingUp = true;
        private boolean startedSent;
        private boolean endedSent;

        JobFollow(String jobId, long afterSeq) {
            this.jobId = jobId;
            this.firstSeq = afterSeq;
            this.lastSeq = afterSeq;
        }

        void live(OutboundEvent event) {
            if (catchingUp) {
                buffer.add(event);
            } else if (event.kind() == Kind.LOG && event.seq() > lastSeq + 1 && !outbox.lagging()) {
                // Lines this connection never queued (dropped while it lagged): read them back from storage.
                catchingUp = true;
                buffer.add(event);
                blocking.execute(() -> catchUp(null));
            } else {
                deliver(event);
            }
        }

        private void deliver(OutboundEvent event) {
            switch (event.kind()) {
                case LOG -> {
                    if (event.seq() > lastSeq && outbox.add(event)) {
                        lastSeq = event.seq();
                    }
                }
                case STARTED -> {
                    if (!startedSent) {
                        startedSent = outbox.add(event);
                    }
                }
                case ENDED -> {
                    if (!endedSent) {
                        endedSent = outbox.add(event);
                    }
                }
                default -> outbox.add(event);
            }
        }

        void replay() {
            Optional<Job> job;
            try {
                job = sandbox.jobs().find(jobId);
            } catch (RuntimeException e) {
                job = Optional.empty();
            }
            synchronized (lock) {
                if (follows.get(jobId) != this) {
                    return;
                }
                if (job.isEmpty()) {
                    follows.remove(jobId);
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("error", "No job with id '" + jobId + "'");
                    data.put("jobId", jobId);
                    outbox.add(EventMessages.reply("error", data));
                    return;
                }
                if (job.get().times().startedAt() != null && awaitRoom()) {
                    deliver(EventMessages.started(job.get()));
                }
            }
            catchUp(job.get());
        }

        /**
         * Queues stored lines after lastSeq, then the buffered live events. No line can fall between the two: a line
         * reaches listeners only once it is stored, so every line announced before this follow began buffering is in
         * storage by the time it is read here (seq dedupes the lines that are in both).
         */
        void catchUp(Job snapshot) {
            while (true) {
                long after;
                synchronized (lock) {
                    if (follows.get(jobId) != this) {
                        return;
                    }
                    after = lastSeq;
                }
                List<LogLine> lines = sandbox.jobs().logs(jobId, LogQuery.after(after, LogQuery.MAX_LIMIT));
                Job job = snapshot != null ? snapshot : sandbox.jobs().get(jobId);
                synchronized (lock) {
                    for (LogLine line : lines) {
                        if (!awaitRoom() || follows.get(jobId) != this) {
                            return;
                        }
                        deliver(EventMessages.log(job, line));
                    }
                    if (lines.size() == LogQuery.MAX_LIMIT) {
                        continue; // more stored than one page
                    }
                    while (!buffer.isEmpty()) {
                        if (!awaitRoom() || follows.get(jobId) != this) {
                            return;
                        }
                        deliver(buffer.poll());
                    }
                    if (snapshot != null && snapshot.status().isFinal() && awaitRoom()) {
                        deliver(EventMessages.ended(snapshot));
                    }
                    catchingUp = false;
                    return;
                }
            }
        }
    }
}
