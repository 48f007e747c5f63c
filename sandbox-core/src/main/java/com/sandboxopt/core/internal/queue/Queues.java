package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.queue.shared.ClusterSettings;
import com.sandboxopt.core.internal.queue.shared.SharedQueue;
import com.sandboxopt.core.internal.storage.OpenedStorage;

/** Chooses the queue for the storage a sandbox opened: shared when the database keeps the shared tables. */
public final class Queues {
    private Queues() {
    }

    public static JobQueue open(OpenedStorage opened, ClusterSettings settings, int maxQueueLength,
                                JobListener application) {
        return opened.shared()
                .<JobQueue>map(tables -> new SharedQueue(settings, tables, opened.storage(), application, maxQueueLength))
                .orElseGet(() -> new LocalQueue(opened.storage(), application));
    }
}
