package io.synod.testkit;

import java.util.Arrays;

/**
 * The simulator's agenda: actions ordered by virtual time, ties broken by the order in which
 * they were scheduled, so that a run never depends on anything but its seed. A binary heap over
 * parallel arrays keeps the hot path free of per-event comparator objects.
 */
final class EventQueue {

    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Runnable[] actions = new Runnable[1024];
    private int size;
    private long nextSeq;

    void schedule(long time, Runnable action) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            actions = Arrays.copyOf(actions, size * 2);
        }
        int i = size++;
        long seq = nextSeq++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        times[i] = time;
        seqs[i] = seq;
        actions[i] = action;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the next action; the queue must not be empty. */
    long peekTime() {
        return times[0];
    }

    /** Removes and returns the next action; the queue must not be empty. */
    Runnable poll() {
        Runnable top = actions[0];
        int last = --size;
        long time = times[last];
        long seq = seqs[last];
        Runnable action = actions[last];
        actions[last] = null;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], seqs[child + 1], times[child], seqs[child])) {
                child++;
            }
            if (!before(times[child], seqs[child], time, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            times[i] = time;
            seqs[i] = seq;
            actions[i] = action;
        }
        return top;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        actions[to] = actions[from];
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
