package io.synod.quorum;

import java.util.Arrays;
import java.util.Objects;

/**
 * The voting members of a quorum system, as a sorted array of ids. A member's <em>position</em>
 * is its index in that array; quorum systems and vote trackers keep their per-member state in
 * primitive arrays indexed by position, so looking a member up is a binary search and never
 * allocates.
 */
final class Members {

    /** Returned by {@link #position} for a node that is not a member. */
    static final int NOT_A_MEMBER = -1;

    private final int[] ids;

    private Members(int[] sortedIds) {
        this.ids = sortedIds;
    }

    /**
     * The members {@code ids}, in any order.
     *
     * @param what names the configuration in error messages ("majority", "group 2"…)
     * @throws IllegalArgumentException if {@code ids} is empty or names a member twice
     */
    static Members of(String what, int... ids) {
        Objects.requireNonNull(ids, () -> what + ": members must not be null");
        if (ids.length == 0) {
            throw new IllegalArgumentException(what + ": the member set is empty; a quorum system needs at least one member");
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(what + ": member " + sorted[i] + " is listed twice in " + Arrays.toString(ids));
            }
        }
        return new Members(sorted);
    }

    /** How many members there are. */
    int size() {
        return ids.length;
    }

    /** The id of the member at {@code position}. */
    int id(int position) {
        return ids[position];
    }

    /** The position of {@code node}, or {@link #NOT_A_MEMBER}. */
    int position(int node) {
        int i = Arrays.binarySearch(ids, node);
        return i >= 0 ? i : NOT_A_MEMBER;
    }

    /** A copy of the ids, ascending. */
    int[] ids() {
        return ids.clone();
    }

    /** Marks, by position, which members appear in {@code nodes}; non-members are ignored. */
    boolean[] present(int[] nodes) {
        Objects.requireNonNull(nodes, "votes must not be null");
        boolean[] present = new boolean[ids.length];
        for (int node : nodes) {
            int p = position(node);
            if (p != NOT_A_MEMBER) {
                present[p] = true;
            }
        }
        return present;
    }

    /** How many members are marked in {@code present}. */
    static int count(boolean[] present) {
        int n = 0;
        for (boolean b : present) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** The ids of the members marked in {@code present}, ascending. */
    int[] idsOf(boolean[] present) {
        int[] out = new int[count(present)];
        int k = 0;
        for (int p = 0; p < present.length; p++) {
            if (present[p]) {
                out[k++] = ids[p];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
