package com.sandboxopt.server.events;

import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.config.SandboxSettings;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** Opens Server-Sent Event streams of one job each (see {@link JobEventStream}). */
@Singleton
public class JobEvents {
    private final Sandbox sandbox;
    private final EventHub hub;
    private final ExecutorService blocking;
    private final TaskScheduler timer;
    private final int queueCapacity;
    private final Duration keepAlive;

    public JobEvents(Sandbox sandbox, EventHub hub, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                     @Named(TaskExecutors.SCHEDULED) TaskScheduler timer, SandboxSettings settings) {
        this.timer = timer;
        this.sandbox = sandbox;
        this.hub = hub;
        this.blocking = blocking;
        this.queueCapacity = settings.websocketQueue();
        this.keepAlive = settings.eventStreamKeepAlive();
    }

    /** {@code jobId}'s events after line {@code afterSeq}, ending after its end event. */
    public Publisher<Event<String>> stream(String jobId, long afterSeq) {
        return JobEventStream.open(sandbox, hub, blocking, timer, queueCapacity, keepAlive, jobId, afterSeq);
    }
}
