package com.sandboxopt.server.events;

import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.events.EventMessages.Parts;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskScheduler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * One job's events as Server-Sent Events: the same {@link ClientConnection} a WebSocket client
 * following the job by id gets (stored lines first, then live, no line lost or repeated at the
 * seam), written as {@code event:}/{@code data:}/{@code id:} and ending after the job's end event.
 * <p>An event counts as written (and leaves the connection's {@link Outbox}) only once the HTTP
 * response asked for it, so a slow reader makes the outbox lag as a slow WebSocket does and the
 * job never waits. Where a WebSocket client would get {@code optimization:lagged} and follow the
 * job again, this stream does it itself from the last line it sent.
 * <p>A comment goes first, so the response's headers leave at once even for a job still queued (a client
 * waiting for them would time out otherwise), and another one after {@code sandbox.event-stream-keep-alive}
 * without events, so proxies do not cut a quiet stream and a client that went away is noticed.
 */
final class JobEventStream {
    /** How long a client waits before reconnecting after the connection broke, as EventSource reads it. */
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Object lock = new Object();
    private final FluxSink<Event<String>> sink;
    private final String jobId;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private ClientConnection connection;
    private long demand;
    private long lastSeq; // the last line taken by the response
    private long queuedSeq; // the last line queued here, taken or not
    private boolean started;
    private boolean ended;
    private long lastSentNanos = System.nanoTime();
    private final long keepAliveNanos;

    /** An event on its way: one of the connection's ({@code parts}) or a comment of this stream's own. */
    private record Pending(Parts parts, Event<String> comment, CompletableFuture<Void> written) {
    }

    private JobEventStream(FluxSink<Event<String>> sink, String jobId, long afterSeq, Duration keepAlive) {
        this.keepAliveNanos = keepAlive.toNanos();
        this.sink = sink;
        this.jobId = jobId;
        this.lastSeq = afterSeq;
        this.queuedSeq = afterSeq;
    }

    /** The stream of {@code jobId}'s events after line {@code afterSeq}; nothing runs until it is subscribed to. */
    static Flux<Event<String>> open(Sandbox sandbox, EventHub hub, Executor blocking, TaskScheduler timer,
                                    int queueCapacity, Duration keepAlive, String jobId, long afterSeq) {
        return Flux.create(sink -> {
            JobEventStream stream = new JobEventStream(sink, jobId, afterSeq, keepAlive);
            ClientConnection connection = new ClientConnection(sandbox, blocking, stream::write, queueCapacity, false);
            stream.connection = connection;
            stream.comment(Event.of("").comment("job " + jobId + " after line " + afterSeq).retry(RETRY));
            sink.onRequest(stream::requested);
            // checked twice a period: a comment goes out between one and one and a half periods of silence
            Duration check = keepAlive.dividedBy(2);
            ScheduledFuture<?> keepingAlive = timer.scheduleAtFixedRate(check, check, stream::keepAlive);
            sink.onDispose(() -> {
                keepingAlive.cancel(false);
                hub.unregister(connection);
                connection.close();
            });
            hub.register(connection);
            connection.subscribeJob(jobId, afterSeq, null);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** The connection's transport: called by its outbox's writer, one message at a time, in order. */
    private CompletableFuture<?> write(String message) {
        Parts parts = EventMessages.parts(message);
        if (parts.lagged()) {
            long from;
            synchronized (lock) {
                from = queuedSeq;
            }
            // The lines dropped meanwhile are in storage: follow the job again from the last one it has.
            connection.subscribeJob(jobId, from, null);
            return CompletableFuture.completedFuture(null);
        }
        Pending pending = new Pending(parts, null, new CompletableFuture<>());
        synchronized (lock) {
            queuedSeq = Math.max(queuedSeq, parts.seq());
            waiting.add(pending);
            drain();
        }
        return pending.written();
    }

    /** Queues an event of this stream's own (no data: clients read it as no event), ahead of nothing it must wait for. */
    private void comment(Event<String> comment) {
        synchronized (lock) {
            waiting.add(new Pending(null, comment, new CompletableFuture<>()));
            drain();
        }
    }

    private void keepAlive() {
        synchronized (lock) {
            if (waiting.isEmpty() && System.nanoTime() - lastSentNanos >= keepAliveNanos) {
                comment(Event.of("").comment("still following job " + jobId));
            }
        }
    }

    private void requested(long count) {
        synchronized (lock) {
            demand = demand + count < 0 ? Long.MAX_VALUE : demand + count;
            drain();
        }
    }

    private void take(Event<String> event) {
        if (demand != Long.MAX_VALUE) {
            demand--;
        }
        sink.next(event);
    }

    private void drain() {
        while (demand > 0 && !waiting.isEmpty() && !ended) {
            Pending next = waiting.poll();
            lastSentNanos = System.nanoTime();
            if (next.comment() != null) {
                take(next.comment());
                continue;
            }
            Parts parts = next.parts();
            long seq = parts.seq();
            boolean again = seq > 0 ? seq <= lastSeq : parts.started() && started;
            if (again) {
                next.written().complete(null); // a following again after a lag may repeat what this stream sent
                continue;
            }
            started |= parts.started();
            Event<String> event = Event.of(parts.data()).name(parts.event());
            if (seq > 0) {
                event = event.id(Long.toString(seq));
                lastSeq = seq;
            }
            take(event);
            next.written().complete(null);
            if (parts.ended()) {
                ended = true;
                sink.complete();
            }
        }
    }
}
