package io.synod.runtime.session;

import java.util.Arrays;

/**
 * Which sessions may be due: a binary min-heap of (deadline, session id) pairs in primitive
 * arrays. Entries are lazy: a deadline only ever moves later (activity, grace), so an entry may
 * be earlier than its session's deadline; whoever pops one checks the session and pushes it again
 * with its true deadline if it is not due. Renewing a session therefore costs nothing here, and
 * each session is looked at about once per timeout.
 *
 * <p>The heap's shape depends on history (a replica restored from a snapshot builds it afresh),
 * so nothing may depend on it but the set of sessions due at a time, which does not.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class ExpiryQueue {

    private long[] deadlines = new long[16];
    private long[] ids = new long[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline queued; the queue must not be empty. */
    long peekDeadline() {
        return deadlines[0];
    }

    /** The session of the earliest deadline queued; the queue must not be empty. */
    long peekId() {
        return ids[0];
    }

    void push(long deadline, long id) {
        if (size == deadlines.length) {
            deadlines = Arrays.copyOf(deadlines, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(deadline, id, deadlines[parent], ids[parent])) {
                break;
            }
            deadlines[i] = deadlines[parent];
            ids[i] = ids[parent];
            i = parent;
        }
        deadlines[i] = deadline;
        ids[i] = id;
    }

    /** Removes the earliest entry. */
    void pop() {
        long lastDeadline = deadlines[--size];
        long lastId = ids[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(deadlines[right], ids[right], deadlines[child], ids[child])) {
                child = right;
            }
            if (!less(deadlines[child], ids[child], lastDeadline, lastId)) {
                break;
            }
            deadlines[i] = deadlines[child];
            ids[i] = ids[child];
            i = child;
        }
        deadlines[i] = lastDeadline;
        ids[i] = lastId;
    }

    void clear() {
        size = 0;
    }

    private static boolean less(long d1, long id1, long d2, long id2) {
        return d1 < d2 || (d1 == d2 && id1 < id2);
    }
}
