package com.sandboxopt.server.events;

import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * Receives every job's events (on the job's thread), serializes each once and offers it to every
 * connected client. Offering only filters and queues, so a slow client never slows a job.
 */
@Singleton
public class EventHub implements JobListener {
    // iterated for every line a job prints, changed only when a client connects or goes: an array, not a hash table
    private final Set<ClientConnection> clients = new CopyOnWriteArraySet<>();

    public void register(ClientConnection client) {
        clients.add(client);
    }

    public void unregister(ClientConnection client) {
        clients.remove(client);
    }

    @Override
    public void onStarted(JobStarted event) {
        publish(() -> EventMessages.started(event));
    }

    @Override
    public void onLog(LogEvent event) {
        publish(() -> EventMessages.log(event));
    }

    @Override
    public void onProgress(ProgressEvent event) {
        publish(() -> EventMessages.progress(event));
    }

    @Override
    public void onMetric(MetricEvent event) {
        publish(() -> EventMessages.metric(event));
    }

    @Override
    public void onCompleted(JobCompleted event) {
        publish(() -> EventMessages.completed(event));
    }

    @Override
    public void onFailed(JobFailed event) {
        publish(() -> EventMessages.failed(event));
    }

    /** Serializes only when someone is connected: a chatty job nobody watches pays nothing per line here. */
    private void publish(Supplier<OutboundEvent> message) {
        if (clients.isEmpty()) {
            return;
        }
        OutboundEvent event = message.get();
        for (ClientConnection client : clients) {
            client.offer(event);
        }
    }
}
