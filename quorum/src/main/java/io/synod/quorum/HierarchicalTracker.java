package io.synod.quorum;

import java.util.Arrays;

/**
 * Tracks votes per group: a group is won once its voters hold more than half its weight, and a
 * quorum is more than half of the groups that carry weight. Each vote can only win its own
 * group, so the count of won groups is kept up to date in constant time.
 */
final class HierarchicalTracker implements VoteTracker {

    private final Members members;
    private final int[] groupOf;
    private final long[] weights;
    private final long[] groupTotal;
    private final int countedGroups;
    private final boolean[] voted;
    private final long[] groupWeight;
    private int count;
    private int wonGroups;

    HierarchicalTracker(Members members, int[] groupOf, long[] weights, long[] groupTotal, int countedGroups) {
        this.members = members;
        this.groupOf = groupOf;
        this.weights = weights;
        this.groupTotal = groupTotal;
        this.countedGroups = countedGroups;
        this.voted = new boolean[members.size()];
        this.groupWeight = new long[groupTotal.length];
    }

    @Override
    public boolean record(int node) {
        int p = members.position(node);
        if (p == Members.NOT_A_MEMBER || voted[p]) {
            return false;
        }
        voted[p] = true;
        count++;
        int g = groupOf[p];
        long total = groupTotal[g];
        boolean wonBefore = Weights.isMoreThanHalf(groupWeight[g], total);
        groupWeight[g] += weights[p];
        // A zero-weight group is never won: 0 > 0 / 2 is false however many of its members vote.
        if (!wonBefore && Weights.isMoreThanHalf(groupWeight[g], total)) {
            wonGroups++;
        }
        return true;
    }

    @Override
    public boolean hasVoted(int node) {
        int p = members.position(node);
        return p != Members.NOT_A_MEMBER && voted[p];
    }

    @Override
    public int count() {
        return count;
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
    public void reset() {
        Arrays.fill(voted, false);
        Arrays.fill(groupWeight, 0);
        count = 0;
        wonGroups = 0;
    }
}
