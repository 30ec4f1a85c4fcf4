package io.synod.quorum;

/**
 * What every quorum system here shares: a sorted member set, quorum tests over a membership
 * mask, and an argument for (or against) the intersection of its quorums.
 *
 * <p>Every system is <em>monotone</em>: a superset of a quorum is a quorum. {@link Intersection}
 * relies on that, and so do the trackers, which never have to forget a vote inside a round.
 */
abstract class AbstractQuorumSystem implements QuorumSystem {

    final Members members;

    AbstractQuorumSystem(Members members) {
        this.members = members;
    }

    /** True when the members marked in {@code present} (by position) form a phase-1 quorum. */
    abstract boolean isPhase1(boolean[] present);

    /** True when the members marked in {@code present} (by position) form a phase-2 quorum. */
    abstract boolean isPhase2(boolean[] present);

    /**
     * Decides intersection by reasoning about the configuration rather than by enumerating
     * subsets; {@link Intersection} uses it beyond {@link Intersection#EXHAUSTIVE_LIMIT} members.
     *
     * @return null if every phase-1 quorum meets every phase-2 quorum, else two that do not
     */
    abstract Intersection.Witness disjointByArgument();

    @Override
    public final int[] members() {
        return members.ids();
    }

    @Override
    public final int size() {
        return members.size();
    }

    @Override
    public final int member(int position) {
        return members.id(position);
    }

    @Override
    public final boolean isMember(int node) {
        return members.position(node) != Members.NOT_A_MEMBER;
    }

    @Override
    public final boolean isPhase1Quorum(int[] votes) {
        return isPhase1(members.present(votes));
    }

    @Override
    public final boolean isPhase2Quorum(int[] votes) {
        return isPhase2(members.present(votes));
    }
}
