package io.synod.quorum;

/**
 * Counts the votes of one round without allocating: record each voter once, ask whether the
 * voters so far form a quorum, reset for the next round. Recording a vote twice or recording a
 * non-member changes nothing. Not thread-safe.
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

    /** The number of distinct members that voted. */
    int count();

    /** True when the voters so far form a phase-1 quorum. */
    boolean isPhase1Quorum();

    /** True when the voters so far form a phase-2 quorum. */
    boolean isPhase2Quorum();

    /** Forgets every vote. */
    void reset();
}
