package io.synod.quorum;

import java.util.Arrays;

/**
 * Tracks votes per group: a group is won once its voters hold more than half its weight, and a
 * quorum is more than half of the groups that carry weight. Each vote can only win its own
 * group, so the count of won groups is kept up to date in constant time.
 */
final class HierarchicalTracker extends MemberVotes {

    private final int[] groupOf;
    private final long[] weights;
    private final long[] groupTotal;
    private final int countedGroups;
    private final long[] groupWeight;
    private int wonGroups;

    HierarchicalTracker(Members members, int[] groupOf, long[] weights, long[] groupTotal, int countedGroups) {
        super(members);
        this.groupOf = groupOf;
        this.weights = weights;
        this.groupTotal = groupTotal;
        this.countedGroups = countedGroups;
        this.groupWeight = new long[groupTotal.length];
    }

    @Override
    void counted(int p) {
        int g = groupOf[p];
        long total = groupTotal[g];
        boolean wonBefore = Weights.isMoreThanHalf(groupWeight[g], total);
        groupWeight[g] += weights[p];
        // A zero-weight group is never won: 0 > 0 / 2 is false however many of its members vote.
        if (!wonBefore && Weights.isMoreThanHalf(groupWeight[g], total)) {
            wonGroups++;
        }
    }

    @Override
    public boolean isPhase1Quorum() {
        return wonGroups > countedGroups / 2;
    }

    @Override
    public boolean isPhase2Quorum() {
        return isPhase1Quorum();
    }

    @Override
    void cleared() {
        Arrays.fill(groupWeight, 0);
        wonGroups = 0;
    }
}
