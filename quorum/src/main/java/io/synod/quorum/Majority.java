package io.synod.quorum;

/**
 * Any more than half of the members, in both phases: the quorum system of Paxos, ZAB and Raft.
 * With n members it survives the failure of any {@code (n - 1) / 2} of them.
 */
final class Majority extends AbstractQuorumSystem {

    private final int quorumSize;

    private Majority(Members members) {
        super(members);
        this.quorumSize = members.size() / 2 + 1;
    }

    static Majority of(int... members) {
        return Intersection.verify(unchecked(members));
    }

    /** Builds without the intersection check (members are still validated). */
    static Majority unchecked(int... members) {
        return new Majority(Members.of("majority", members));
    }

    @Override
    boolean isPhase1(boolean[] present) {
        return Members.count(present) >= quorumSize;
    }

    @Override
    boolean isPhase2(boolean[] present) {
        return isPhase1(present);
    }

    /** Two sets of more than n/2 members each cannot fit into n members side by side. */
    @Override
    Intersection.Witness disjointByArgument() {
        return null;
    }

    @Override
    public VoteTracker newTracker() {
        return new CountingTracker(members, quorumSize, quorumSize);
    }

    @Override
    public String toString() {
        return "majority of " + members;
    }
}
