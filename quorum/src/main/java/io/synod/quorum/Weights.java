package io.synod.quorum;

import java.util.Map;
import java.util.Objects;

/**
 * Member weights, checked and laid out by position. A weight is a non-negative long; a member
 * of weight zero votes but never counts toward a quorum (ZooKeeper's way of keeping a server
 * in the ensemble without letting it decide). Sums are checked for overflow once, here, so that
 * trackers can add without checking.
 */
final class Weights {

    private Weights() {
    }

    /** The member ids of a weight map, checked for null keys and values. */
    static int[] ids(String what, Map<Integer, Long> weights) {
        Objects.requireNonNull(weights, () -> what + ": weights must not be null");
        int[] ids = new int[weights.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> e : weights.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(what + ": a weight is given for a null member id");
            }
            ids[i++] = e.getKey();
        }
        return ids;
    }

    /**
     * The weight of each member, by position.
     *
     * @throws IllegalArgumentException if a member has no weight or a negative one, if a weight
     *                                  names a node that is not a member, or if the total
     *                                  overflows a long
     */
    static long[] byPosition(String what, Members members, Map<Integer, Long> weights) {
        Objects.requireNonNull(weights, () -> what + ": weights must not be null");
        long[] out = new long[members.size()];
        for (int p = 0; p < members.size(); p++) {
            Long w = weights.get(members.id(p));
            if (w == null) {
                throw new IllegalArgumentException(what + ": member " + members.id(p) + " has no weight");
            }
            if (w < 0) {
                throw new IllegalArgumentException(what + ": member " + members.id(p) + " has negative weight " + w);
            }
            out[p] = w;
        }
        for (Integer id : weights.keySet()) {
            if (id == null || members.position(id) == Members.NOT_A_MEMBER) {
                throw new IllegalArgumentException(what + ": a weight is given for " + id + ", which is not a member");
            }
        }
        total(what, out);
        return out;
    }

    /** The sum of {@code weights}, refused if it overflows a long. */
    static long total(String what, long[] weights) {
        long sum = 0;
        for (long w : weights) {
            try {
                sum = Math.addExact(sum, w);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException(what + ": the total weight overflows a long", overflow);
            }
        }
        return sum;
    }

    /** More than half of {@code total}, written so that it cannot overflow. */
    static boolean isMoreThanHalf(long part, long total) {
        return part > total / 2;
    }

    /** Reads like {@code {1=3, 2=1}}, by ascending id. */
    static String toString(Members members, long[] weights) {
        StringBuilder s = new StringBuilder("{");
        for (int p = 0; p < weights.length; p++) {
            s.append(p == 0 ? "" : ", ").append(members.id(p)).append('=').append(weights[p]);
        }
        return s.append('}').toString();
    }
}
