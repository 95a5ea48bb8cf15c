package dev.vellum.client.sync;

import java.util.PriorityQueue;

/**
 * A clock for JVM tests: time stands still until the test moves it, and timers run in order of when they are due as
 * it moves, each seeing the clock at its own due time.
 */
final class FakeClock implements SyncClock {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long scheduled;

    FakeClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Task entry = new Task(now + Math.max(0, delayMillis), scheduled++, task);
        tasks.add(entry);
        return () -> entry.cancelled = true;
    }

    /** Moves time on by {@code millis}, running every timer that falls due on the way. */
    void advance(long millis) {
        long until = now + millis;
        while (!tasks.isEmpty() && tasks.peek().due <= until) {
            Task next = tasks.poll();
            if (!next.cancelled) {
                now = Math.max(now, next.due);
                next.task.run();
            }
        }
        now = until;
    }

    /** Sets the time as a person setting their computer's clock would: no timer runs until time next moves. */
    void jumpTo(long millis) {
        now = millis;
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Task(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }
}
