package io.synod.quorum;

/** Tracks votes by the weight they carry: a quorum holds more than half the total weight. */
final class WeightedTracker extends MemberVotes {

    private final long[] weights;
    private final long total;
    private long weight;

    WeightedTracker(Members members, long[] weights, long total) {
        super(members);
        this.weights = weights;
        this.total = total;
    }

    @Override
    void counted(int p) {
        weight += weights[p];
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
    void cleared() {
        weight = 0;
    }
}
