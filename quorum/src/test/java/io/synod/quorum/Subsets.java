package io.synod.quorum;

import java.util.Arrays;

/**
 * Brute force over a quorum system's public API: the reference the properties compare the
 * library's cleverer answers against. Exponential; only for small member counts.
 */
final class Subsets {

    private Subsets() {
    }

    /** The subset of {@code members} selected by the bits of {@code mask}. */
    static int[] of(int[] members, int mask) {
        int[] out = new int[Integer.bitCount(mask)];
        int k = 0;
        for (int i = 0; i < members.length; i++) {
            if ((mask & (1 << i)) != 0) {
                out[k++] = members[i];
            }
        }
        return out;
    }

    /**
     * A phase-1 quorum and a phase-2 quorum that share no member, found by trying every pair of
     * subsets, or null if every pair intersects.
     */
    static int[][] disjointPair(QuorumSystem system) {
        int[] m = system.members();
        int subsets = 1 << m.length;
        boolean[] phase1 = new boolean[subsets];
        boolean[] phase2 = new boolean[subsets];
        for (int mask = 0; mask < subsets; mask++) {
            phase1[mask] = system.isPhase1Quorum(of(m, mask));
            phase2[mask] = system.isPhase2Quorum(of(m, mask));
        }
        for (int a = 0; a < subsets; a++) {
            if (!phase1[a]) {
                continue;
            }
            for (int b = 0; b < subsets; b++) {
                if (phase2[b] && (a & b) == 0) {
                    return new int[][] {of(m, a), of(m, b)};
                }
            }
        }
        return null;
    }

    /** True when {@code a} and {@code b} share an element. */
    static boolean meet(int[] a, int[] b) {
        return Arrays.stream(a).anyMatch(x -> Arrays.stream(b).anyMatch(y -> x == y));
    }

    /** {@code set} without its element at {@code index}. */
    static int[] without(int[] set, int index) {
        int[] out = new int[set.length - 1];
        System.arraycopy(set, 0, out, 0, index);
        System.arraycopy(set, index + 1, out, index, set.length - index - 1);
        return out;
    }
}
