package io.synod.runtime;

import java.util.Arrays;

/**
 * One client's remembered outcomes: those of its commands with sequence numbers in
 * {@code (highest - window, highest]}, in a ring indexed by sequence number. Each slot holds the
 * command's payload digest (to tell a retry from another command under the same number), whether
 * the state machine refused it, and its result (or the refusal's reason). Applying a command is
 * then a few array accesses instead of tree operations and boxed keys, and nothing needs pruning:
 * a slot whose sequence number has left the window is dead and is overwritten.
 *
 * <p>The ring starts small and doubles when two live sequence numbers would share a slot, up to
 * the smallest power of two that holds a whole window (where they never do).
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class ResultWindow {

    private static final int INITIAL_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final long EMPTY = Long.MIN_VALUE;

    private final int window;
    private final int maxCapacity;
    private long highest;
    private long[] sequences;
    private long[] digests;
    private boolean[] refusals;
    private byte[][] results;

    ResultWindow(int window) {
        this.window = window;
        this.maxCapacity = window >= MAX_CAPACITY ? MAX_CAPACITY : Math.max(1, Integer.highestOneBit(window - 1) << 1);
        allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
    }

    /** The highest sequence number recorded. */
    long highest() {
        return highest;
    }

    /** Sets the highest sequence number, before outcomes are put back from a snapshot. */
    void highest(long value) {
        highest = value;
    }

    /** True when {@code sequence} lies at or below the window, where nothing is remembered. */
    boolean belowWindow(long sequence) {
        return sequence <= highest - window;
    }

    /** True when an outcome for {@code sequence} is remembered. */
    boolean holds(long sequence) {
        if (sequence > highest || belowWindow(sequence)) {
            return false;
        }
        return sequences[slot(sequence)] == sequence;
    }

    /** The result (or refusal reason) recorded for {@code sequence}, or {@code null} if none is remembered. */
    byte[] result(long sequence) {
        return holds(sequence) ? results[slot(sequence)] : null;
    }

    /** The payload digest recorded for {@code sequence}; only meaningful when {@link #holds} it. */
    long digest(long sequence) {
        return digests[slot(sequence)];
    }

    /** True when the state machine refused {@code sequence}; only meaningful when {@link #holds} it. */
    boolean refused(long sequence) {
        return refusals[slot(sequence)];
    }

    /**
     * Records the outcome of {@code sequence}, moving the window up if it is the highest yet.
     *
     * @throws IllegalArgumentException if {@code sequence} lies below the window: such a
     *                                  command is expired and must not have been applied
     */
    void record(long sequence, long digest, boolean refused, byte[] result) {
        if (belowWindow(sequence)) {
            throw new IllegalArgumentException("sequence " + sequence + " lies below the session window ("
                + (highest - window) + ", " + highest + "]");
        }
        long newHighest = Math.max(highest, sequence);
        while (collides(sequence, newHighest)) {
            grow(newHighest);
        }
        int slot = slot(sequence);
        sequences[slot] = sequence;
        digests[slot] = digest;
        refusals[slot] = refused;
        results[slot] = result;
        highest = newHighest;
    }

    /** The live sequence numbers in ascending order. */
    long[] liveSequences() {
        long[] live = new long[sequences.length];
        int n = 0;
        for (long s : sequences) {
            if (s != EMPTY && s <= highest && !belowWindow(s)) {
                live[n++] = s;
            }
        }
        long[] sorted = Arrays.copyOf(live, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private boolean collides(long sequence, long newHighest) {
        long held = sequences[slot(sequence)];
        return held != EMPTY && held != sequence && held > newHighest - window;
    }

    private void grow(long newHighest) {
        if (sequences.length >= maxCapacity) {
            throw new IllegalStateException("session window of " + window + " results does not fit " + maxCapacity + " slots");
        }
        long[] oldSequences = sequences;
        long[] oldDigests = digests;
        boolean[] oldRefusals = refusals;
        byte[][] oldResults = results;
        allocate(sequences.length << 1);
        for (int i = 0; i < oldSequences.length; i++) {
            long s = oldSequences[i];
            if (s != EMPTY && s > newHighest - window) {
                int slot = slot(s);
                sequences[slot] = s;
                digests[slot] = oldDigests[i];
                refusals[slot] = oldRefusals[i];
                results[slot] = oldResults[i];
            }
        }
    }

    private void allocate(int capacity) {
        sequences = new long[capacity];
        Arrays.fill(sequences, EMPTY);
        digests = new long[capacity];
        refusals = new boolean[capacity];
        results = new byte[capacity][];
    }

    private int slot(long sequence) {
        return (int) sequence & (sequences.length - 1);
    }
}
