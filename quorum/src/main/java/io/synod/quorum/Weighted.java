package io.synod.quorum;

import java.util.Map;

/**
 * Each member carries a non-negative weight; a quorum, in both phases, is any set holding more
 * than half the total weight. Zero-weight members are members (they vote, they learn) but never
 * count, as in ZooKeeper's weighted quorums. Two sets each holding more than half of the total
 * always overlap in a member of positive weight.
 */
final class Weighted extends AbstractQuorumSystem {

    private static final String WHAT = "weighted majority";

    private final long[] weights;
    private final long total;

    private Weighted(Members members, long[] weights) {
        super(members);
        this.weights = weights;
        this.total = Weights.total(WHAT, weights);
    }

    static Weighted of(Map<Integer, Long> weights) {
        Weighted system = unchecked(weights);
        if (system.total == 0) {
            throw new IllegalArgumentException(system + ": every member has weight zero, so no set of members is a quorum");
        }
        return Intersection.verify(system);
    }

    /** Builds without the quorum checks (weights are still validated). */
    static Weighted unchecked(Map<Integer, Long> weights) {
        Members members = Members.of(WHAT, Weights.ids(WHAT, weights));
        return new Weighted(members, Weights.byPosition(WHAT, members, weights));
    }

    @Override
    boolean isPhase1(boolean[] present) {
        long sum = 0;
        for (int p = 0; p < present.length; p++) {
            if (present[p]) {
                sum += weights[p];
            }
        }
        return Weights.isMoreThanHalf(sum, total);
    }

    @Override
    boolean isPhase2(boolean[] present) {
        return isPhase1(present);
    }

    /** Two disjoint sets of more than half the total weight each would hold more than the total. */
    @Override
    Intersection.Witness disjointByArgument() {
        return null;
    }

    @Override
    public VoteTracker newTracker() {
        return new WeightedTracker(members, weights, total);
    }

    @Override
    public String toString() {
        return WHAT + " of " + Weights.toString(members, weights);
    }
}
