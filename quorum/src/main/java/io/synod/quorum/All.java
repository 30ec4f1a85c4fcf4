package io.synod.quorum;

/**
 * Every member, in both phases: the "quorum" of two- and three-phase commit, where each
 * participant must vote yes before a transaction commits. It tolerates no failure; that is the
 * price of unanimity.
 */
final class All extends AbstractQuorumSystem {

    private All(Members members) {
        super(members);
    }

    static All of(int... members) {
        return Intersection.verify(unchecked(members));
    }

    /** Builds without the intersection check (members are still validated). */
    static All unchecked(int... members) {
        return new All(Members.of("all-members quorum", members));
    }

    @Override
    boolean isPhase1(boolean[] present) {
        return Members.count(present) == present.length;
    }

    @Override
    boolean isPhase2(boolean[] present) {
        return isPhase1(present);
    }

    /** The only quorum is the whole, non-empty member set, which meets itself. */
    @Override
    Intersection.Witness disjointByArgument() {
        return null;
    }

    @Override
    public VoteTracker newTracker() {
        return new CountingTracker(members, members.size(), members.size());
    }

    @Override
    public String toString() {
        return "all of " + members;
    }
}
