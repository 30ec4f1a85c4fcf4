package io.synod.quorum;

/**
 * Who must agree. A quorum system names the members and says which sets of them form a
 * phase-1 quorum (Paxos prepare/promise, ZAB election and sync) and which a phase-2 quorum
 * (Paxos accept/accepted, ZAB proposal/ack). Every phase-1 quorum intersects every phase-2
 * quorum; constructors refuse configurations where that fails, naming two quorums that miss
 * each other.
 *
 * <p>Instances are immutable and thread-safe. Counting votes on the hot path goes through a
 * {@link VoteTracker}, which does not allocate.
 */
public interface QuorumSystem {

    /** The voting members, ascending. */
    int[] members();

    /** True when {@code node} is a voting member. */
    boolean isMember(int node);

    /** True when the nodes in {@code votes} form a phase-1 quorum. */
    boolean isPhase1Quorum(int[] votes);

    /** True when the nodes in {@code votes} form a phase-2 quorum. */
    boolean isPhase2Quorum(int[] votes);

    /** A fresh, empty tracker for counting one round's votes. */
    VoteTracker newTracker();

    /** A majority of {@code members}: any more than half. */
    static QuorumSystem majority(int... members) {
        return QuorumSystems.majority(members);
    }
}
