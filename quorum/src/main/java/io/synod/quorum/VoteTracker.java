package io.synod.quorum;

/**
 * Counts the votes of one round without allocating: record each voter once, ask whether the
 * voters so far form a quorum, reset for the next round. Recording a vote twice or recording a
 * non-member changes nothing. After any sequence of votes, {@link #isPhase1Quorum()} answers as
 * {@link QuorumSystem#isPhase1Quorum(int[])} would for the same votes, likewise for phase 2.
 *
 * <p>Not thread-safe: a tracker belongs to the single thread of the core that counts with it.
 *
 * <pre>{@code
 * VoteTracker promises = quorums.newTracker();   // once, when the core is built
 * promises.reset();                              // a new ballot
 * if (promises.record(from) && promises.isPhase1Quorum()) {
 *     becomeLeader();                            // only on the vote that completes the quorum
 * }
 * }</pre>
 */
public interface VoteTracker {

    /**
     * Records {@code node}'s vote.
     *
     * @return true if this vote was new (the node had not voted in this round and is a member)
     */
    boolean record(int node);

    /** True when {@code node} has voted in this round. */
    boolean hasVoted(int node);

    /** The number of distinct members that voted, members of weight zero included. */
    int count();

    /** True when the voters so far form a phase-1 quorum. */
    boolean isPhase1Quorum();

    /** True when the voters so far form a phase-2 quorum. */
    boolean isPhase2Quorum();

    /** Forgets every vote. */
    void reset();
}
