package io.synod.quorum;

import java.util.Arrays;

/** Tracks votes by the weight they carry: a quorum holds more than half the total weight. */
final class WeightedTracker implements VoteTracker {

    private final Members members;
    private final long[] weights;
    private final long total;
    private final boolean[] voted;
    private int count;
    private long weight;

    WeightedTracker(Members members, long[] weights, long total) {
        this.members = members;
        this.weights = weights;
        this.total = total;
        this.voted = new boolean[members.size()];
    }

    @Override
    public boolean record(int node) {
        int p = members.position(node);
        if (p == Members.NOT_A_MEMBER || voted[p]) {
            return false;
        }
        voted[p] = true;
        count++;
        weight += weights[p];
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
        return Weights.isMoreThanHalf(weight, total);
    }

    @Override
    public boolean isPhase2Quorum() {
        return isPhase1Quorum();
    }

    @Override
    public void reset() {
        Arrays.fill(voted, false);
        count = 0;
        weight = 0;
    }
}
