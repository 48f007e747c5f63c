package com.sandboxopt.core.internal.logs;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log writer's queue, bounded by the lines it holds (a batch of lines weighs its size, anything else one).
 * Its one reader, the writer, is woken only when it has something to do: the weight it waits for is queued, or
 * an urgent item arrived. A model printing steadily thus wakes the writer once per batch it stores, not once
 * per write.
 */
final class WriterQueue {
    private record Entry(Object item, int weight, boolean urgent) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int capacity;
    private int weight;
    private int urgent;
    /** While the reader waits: the queued weight that wakes it. */
    private int wanted = Integer.MAX_VALUE;

    WriterQueue(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Adds an item, waiting while the queue is full (a job outrunning storage slows down instead of losing lines).
     * One item may take the queue past its capacity, so that a batch larger than that still goes in.
     */
    void put(Object item, int itemWeight, boolean isUrgent) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (weight >= capacity) {
                room.await();
            }
            entries.add(new Entry(item, itemWeight, isUrgent));
            weight += itemWeight;
            if (isUrgent) {
                urgent++;
            }
            if (isUrgent || weight >= wanted) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} until {@code enough} weight or an urgent item is queued, then moves items
     * to {@code into} in order while they weigh at most {@code maxWeight} together (always the first one).
     * Returns the weight moved, 0 when nothing was queued.
     */
    int take(List<Object> into, int maxWeight, int enough, long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = timeoutNanos;
            wanted = enough;
            try {
                while (weight < enough && urgent == 0 && left > 0) {
                    left = ready.awaitNanos(left);
                }
            } finally {
                wanted = Integer.MAX_VALUE;
            }
            int moved = 0;
            while (!entries.isEmpty() && (moved == 0 || moved + entries.peek().weight() <= maxWeight)) {
                Entry entry = entries.poll();
                into.add(entry.item());
                moved += entry.weight();
                if (entry.urgent()) {
                    urgent--;
                }
            }
            weight -= moved;
            if (moved > 0) {
                room.signalAll();
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return entries.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
