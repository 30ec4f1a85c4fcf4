package io.synod.quorum;

import java.util.Map;

/**
 * Who must agree. A quorum system names the members and says which sets of them form a
 * phase-1 quorum (Paxos prepare/promise, ZAB election and sync) and which a phase-2 quorum
 * (Paxos accept/accepted, ZAB proposal/ack). Every phase-1 quorum intersects every phase-2
 * quorum; the factories refuse configurations where that fails with a
 * {@link DisjointQuorumsException} naming two quorums that miss each other.
 *
 * <p>Quorums are monotone: a superset of a quorum is a quorum. Votes of non-members and repeated
 * votes are ignored by every query.
 *
 * <p>Instances are immutable and thread-safe. Counting votes on the hot path goes through a
 * {@link VoteTracker}, which does not allocate.
 */
public interface QuorumSystem {

    /** The voting members, ascending, as a fresh array. */
    int[] members();

    /** The number of voting members. */
    default int size() {
        return members().length;
    }

    /** The id of the member at {@code position} (0-based, in ascending id order). */
    default int member(int position) {
        return members()[position];
    }

    /** True when {@code node} is a voting member. */
    boolean isMember(int node);

    /** True when the nodes in {@code votes} form a phase-1 quorum. */
    boolean isPhase1Quorum(int[] votes);

    /** True when the nodes in {@code votes} form a phase-2 quorum. */
    boolean isPhase2Quorum(int[] votes);

    /** A fresh, empty tracker for counting one round's votes. */
    VoteTracker newTracker();

    /**
     * A majority of {@code members}: any more than half, in both phases.
     *
     * @throws IllegalArgumentException if {@code members} is empty or lists a member twice
     */
    static QuorumSystem majority(int... members) {
        return Majority.of(members);
    }

    /**
     * Weighted majority: any set holding more than half the total weight, in both phases.
     * Zero-weight members belong to the system but never count.
     *
     * @param weights each member's non-negative weight, by member id
     * @throws IllegalArgumentException if {@code weights} is empty, holds a negative or null
     *                                  weight, sums to zero or overflows a long
     */
    static QuorumSystem weighted(Map<Integer, Long> weights) {
        return Weighted.of(weights);
    }

    /**
     * ZooKeeper's hierarchical quorums with every member of weight one: a quorum holds a
     * majority of the members of a majority of the groups.
     *
     * @param groups disjoint, non-empty groups of member ids
     * @throws IllegalArgumentException if there is no group, a group is empty or groups overlap
     */
    static QuorumSystem hierarchical(int[]... groups) {
        return Hierarchical.of(groups);
    }

    /**
     * ZooKeeper's hierarchical quorums: a quorum holds more than half the weight of more than
     * half of the groups; groups of total weight zero are not counted.
     *
     * @param weights a non-negative weight for every member of every group, and no one else
     * @param groups  disjoint, non-empty groups of member ids
     * @throws IllegalArgumentException if a group is empty, groups overlap, a weight is missing,
     *                                  negative or given for a non-member, or all groups weigh zero
     */
    static QuorumSystem hierarchical(Map<Integer, Long> weights, int[]... groups) {
        return Hierarchical.of(weights, groups);
    }

    /**
     * Flexible Paxos: any {@code phase1Size} members form a phase-1 quorum and any
     * {@code phase2Size} members a phase-2 quorum.
     *
     * @throws DisjointQuorumsException if {@code phase1Size + phase2Size <= members.length}
     * @throws IllegalArgumentException if a size is outside {@code 1..members.length}, or the
     *                                  members are empty or repeated
     */
    static QuorumSystem flexible(int phase1Size, int phase2Size, int... members) {
        return Flexible.of(phase1Size, phase2Size, members);
    }

    /**
     * Flexible quorums from explicit families: a set is a phase-N quorum when it contains one of
     * the listed phase-N quorums. The members are everyone named in some listed quorum.
     *
     * @throws DisjointQuorumsException if some listed phase-1 quorum misses some listed phase-2 quorum
     * @throws IllegalArgumentException if a family is empty, or a listed quorum is empty or repeats a member
     */
    static QuorumSystem flexible(int[][] phase1Quorums, int[][] phase2Quorums) {
        return QuorumFamilies.of(phase1Quorums, phase2Quorums);
    }

    /**
     * Every member, in both phases (two- and three-phase commit).
     *
     * @throws IllegalArgumentException if {@code members} is empty or lists a member twice
     */
    static QuorumSystem all(int... members) {
        return All.of(members);
    }
}
