package io.synod.runtime.session;

import java.util.Arrays;

/**
 * One session's remembered outcomes, in a ring indexed by sequence number. Each slot holds the
 * command's payload digest (to tell a retry from another command under the same number), whether
 * the state machine refused it, its result (or the refusal's reason), and where it was applied
 * (index and position, so that a retry is answered with the first application's place). Applying
 * a command is then a few array accesses instead of tree operations and boxed keys.
 *
 * <p>A slot is live while its sequence number lies in {@code (floor, highest]}, where the floor is
 * the higher of the session's acknowledged number and {@code highest - window}; a dead slot is
 * overwritten. The ring starts small and doubles when two live numbers would share a slot, up to
 * the smallest power of two that holds a whole window (where they never do). The owner passes
 * floor and highest in, so that a change of the replicated window needs no rebuild.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class ResultWindow {

    private static final int INITIAL_CAPACITY = 2;
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] sequences;
    private long[] digests;
    private boolean[] refusals;
    private byte[][] results;
    private long[] indexes;
    private int[] positions;

    ResultWindow() {
        allocate(INITIAL_CAPACITY);
    }

    /** True when an outcome for {@code sequence} is remembered. */
    boolean holds(long sequence, long floor, long highest) {
        return sequence > floor && sequence <= highest && sequences[slot(sequence)] == sequence;
    }

    /** The result (or refusal reason) recorded for a held {@code sequence}. */
    byte[] result(long sequence) {
        return results[slot(sequence)];
    }

    /** The payload digest recorded for a held {@code sequence}. */
    long digest(long sequence) {
        return digests[slot(sequence)];
    }

    /** True when the state machine refused a held {@code sequence}. */
    boolean refused(long sequence) {
        return refusals[slot(sequence)];
    }

    /** The log index where a held {@code sequence} was applied. */
    long index(long sequence) {
        return indexes[slot(sequence)];
    }

    /** The position within its entry where a held {@code sequence} was applied. */
    int position(long sequence) {
        return positions[slot(sequence)];
    }

    /**
     * Records the outcome of {@code sequence}, given the floor and highest number as they are
     * once it is recorded, and the window (which bounds the ring).
     */
    void record(long sequence, long floor, int window, long digest, boolean refused, byte[] result, long index, int position) {
        int maxCapacity = window >= (1 << 30) ? 1 << 30 : Math.max(1, Integer.highestOneBit(window - 1) << 1);
        while (collides(sequence, floor) && sequences.length < maxCapacity) {
            grow(floor);
        }
        int slot = slot(sequence);
        sequences[slot] = sequence;
        digests[slot] = digest;
        refusals[slot] = refused;
        results[slot] = result;
        indexes[slot] = index;
        positions[slot] = position;
    }

    /** Forgets the outcomes of sequence numbers in {@code (from, to]}, releasing their results. */
    void forget(long from, long to) {
        if (to - from >= sequences.length) {
            for (int i = 0; i < sequences.length; i++) {
                if (sequences[i] > from && sequences[i] <= to) {
                    clear(i);
                }
            }
            return;
        }
        for (long s = from + 1; s <= to; s++) {
            int slot = slot(s);
            if (sequences[slot] == s) {
                clear(slot);
            }
        }
    }

    /** The live sequence numbers in ascending order. */
    long[] liveSequences(long floor, long highest) {
        long[] live = new long[sequences.length];
        int n = 0;
        for (long s : sequences) {
            if (s != EMPTY && s > floor && s <= highest) {
                live[n++] = s;
            }
        }
        long[] sorted = Arrays.copyOf(live, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The slots of the ring, for the memory figures. */
    int capacity() {
        return sequences.length;
    }

    private void clear(int slot) {
        sequences[slot] = EMPTY;
        results[slot] = null;
    }

    private boolean collides(long sequence, long floor) {
        long held = sequences[slot(sequence)];
        return held != EMPTY && held != sequence && held > floor;
    }

    private void grow(long floor) {
        long[] oldSequences = sequences;
        long[] oldDigests = digests;
        boolean[] oldRefusals = refusals;
        byte[][] oldResults = results;
        long[] oldIndexes = indexes;
        int[] oldPositions = positions;
        allocate(sequences.length << 1);
        for (int i = 0; i < oldSequences.length; i++) {
            long s = oldSequences[i];
            if (s != EMPTY && s > floor) {
                int slot = slot(s);
                sequences[slot] = s;
                digests[slot] = oldDigests[i];
                refusals[slot] = oldRefusals[i];
                results[slot] = oldResults[i];
                indexes[slot] = oldIndexes[i];
                positions[slot] = oldPositions[i];
            }
        }
    }

    private void allocate(int capacity) {
        sequences = new long[capacity];
        Arrays.fill(sequences, EMPTY);
        digests = new long[capacity];
        refusals = new boolean[capacity];
        results = new byte[capacity][];
        indexes = new long[capacity];
        positions = new int[capacity];
    }

    private int slot(long sequence) {
        return (int) sequence & (sequences.length - 1);
    }
}
