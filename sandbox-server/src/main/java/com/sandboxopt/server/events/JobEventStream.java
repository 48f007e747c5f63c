package com.sandboxopt.server.events;

import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.events.EventMessages.Parts;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One job's events as Server-Sent Events: the same {@link ClientConnection} a WebSocket client
 * following the job by id gets (stored lines first, then live, no line lost or repeated at the
 * seam), written as {@code event:}/{@code data:}/{@code id:} and ending after the job's end event.
 * <p>An event counts as written (and leaves the connection's {@link Outbox}) only once the HTTP
 * response asked for it, so a slow reader makes the outbox lag as a slow WebSocket does and the
 * job never waits. Where a WebSocket client would get {@code optimization:lagged} and follow the
 * job again, this stream does it itself from the last line it sent.
 */
final class JobEventStream {
    private final Object lock = new Object();
    private final FluxSink<Event<String>> sink;
    private final String jobId;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private ClientConnection connection;
    private long demand;
    private long lastSeq;
    private boolean started;
    private boolean ended;

    private record Pending(Parts parts, CompletableFuture<Void> written) {
    }

    private JobEventStream(FluxSink<Event<String>> sink, String jobId, long afterSeq) {
        this.sink = sink;
        this.jobId = jobId;
        this.lastSeq = afterSeq;
    }

    /** The stream of {@code jobId}'s events after line {@code afterSeq}; nothing runs until it is subscribed to. */
    static Flux<Event<String>> open(Sandbox sandbox, EventHub hub, Executor blocking, int queueCapacity,
                                    String jobId, long afterSeq) {
        return Flux.create(sink -> {
            JobEventStream stream = new JobEventStream(sink, jobId, afterSeq);
            ClientConnection connection = new ClientConnection(sandbox, blocking, stream::write, queueCapacity, false);
            stream.connection = connection;
            sink.onRequest(stream::requested);
            sink.onDispose(() -> {
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
                from = lastSeq;
            }
            // The lines dropped meanwhile are in storage: follow the job again from the last one sent.
            connection.subscribeJob(jobId, from, null);
            return CompletableFuture.completedFuture(null);
        }
        Pending pending = new Pending(parts, new CompletableFuture<>());
        synchronized (lock) {
            waiting.add(pending);
            drain();
        }
        return pending.written();
    }

    private void requested(long count) {
        synchronized (lock) {
            demand = demand + count < 0 ? Long.MAX_VALUE : demand + count;
            drain();
        }
    }

    private void drain() {
        while (demand > 0 && !waiting.isEmpty() && !ended) {
            Pending next = waiting.poll();
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
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            sink.next(event);
            next.written().complete(null);
            if (parts.ended()) {
                ended = true;
                sink.complete();
            }
        }
    }
}
