package io.synod.testkit.lin;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where each operation of a history took effect in a replicated log: its <em>rank</em>, the log
 * index of the entry that first applied it and its position among that entry's commands. Ranks
 * order operations as every replica applied them; a read "at rank r" sees exactly the effects
 * ranked at or below r. {@link SequentialConsistencyChecker} takes the order of updates from here.
 *
 * <p>Not thread-safe: the simulator records from its single thread.
 */
public final class LogOrder {

    private static final int POSITION_BITS = 20;
    private static final int MAX_POSITION = (1 << POSITION_BITS) - 1;
    private static final long MAX_INDEX = (1L << (Long.SIZE - 1 - POSITION_BITS)) - 1;

    /** The rank of the empty log: below every effect. */
    public static final long START = 0;

    private final Map<Integer, Long> ranks = new HashMap<>();

    /** The rank of the command at {@code position} (from 0) in the entry at {@code index} (from 1). */
    public static long rank(long index, int position) {
        if (index < 1 || index > MAX_INDEX || position < 0 || position > MAX_POSITION) {
            throw new IllegalArgumentException("no rank for index " + index + ", position " + position);
        }
        return index << POSITION_BITS | position;
    }

    /** The rank of the state after the entry at {@code index} (0: the empty log): it sees every command of that entry. */
    public static long through(long index) {
        return index == 0 ? START : rank(index, MAX_POSITION);
    }

    /**
     * Operation {@code operation} (its id in the history) took effect at {@code index},
     * {@code position}. Reported more than once (each replica applies it), the lowest rank is kept.
     */
    public void tookEffect(int operation, long index, int position) {
        ranks.merge(operation, rank(index, position), Math::min);
    }

    /** Where {@code operation} took effect, or empty if it never did (as far as was recorded). */
    public OptionalLong rank(int operation) {
        Long r = ranks.get(operation);
        return r == null ? OptionalLong.empty() : OptionalLong.of(r);
    }

    /** The number of operations recorded. */
    public int size() {
        return ranks.size();
    }

    /** A rank in words, for reports. */
    public static String describe(long rank) {
        if (rank == START) {
            return "the empty log";
        }
        long index = rank >>> POSITION_BITS;
        int position = (int) (rank & MAX_POSITION);
        return position == MAX_POSITION || position == 0 ? "log index " + index : "log index " + index + " (its command " + position + ")";
    }
}
