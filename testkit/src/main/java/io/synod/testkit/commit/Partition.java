package io.synod.testkit.commit;

import java.util.Arrays;

/**
 * A scheduled split of the network: from tick {@code from} until tick {@code until} (exclusive),
 * the nodes of {@code side} hear nothing from the others and the others nothing from them.
 */
public record Partition(int[] side, long from, long until) {

    public Partition {
        if (side == null || side.length == 0 || from < 0 || until <= from) {
            throw new IllegalArgumentException("a partition cuts off at least one node over a non-empty span of ticks");
        }
        side = side.clone();
    }

    @Override
    public int[] side() {
        return side.clone();
    }

    /** True when the link between {@code a} and {@code b} is cut at {@code tick}. */
    public boolean cuts(int a, int b, long tick) {
        return tick >= from && tick < until && contains(a) != contains(b);
    }

    boolean contains(int node) {
        return Arrays.stream(side).anyMatch(n -> n == node);
    }

    @Override
    public String toString() {
        return "cut off " + Arrays.toString(side) + " from tick " + from + (until == Long.MAX_VALUE ? "" : " to " + until);
    }
}
