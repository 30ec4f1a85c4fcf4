package io.synod.twophase.paxoscommit;

import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.spi.MessageCodec;

/**
 * Paxos Commit (Gray and Lamport, "Consensus on Transaction Commit", 2006) as a
 * {@link CommitProtocol}: each participant's vote is decided by a Paxos instance among the
 * transaction's participants acting as acceptors (2F + 1 of them tolerate F crashes), so the
 * coordinator is only a leader that learns, and anyone can take its place. Two-phase commit is
 * its F = 0 case, which is why it lives beside it.
 *
 * @param voteTimeoutTicks    the coordinator, missing an instance's outcome this long, leads a
 *                            higher ballot and proposes "aborted" for participants that did not vote
 * @param leaderTimeoutTicks  a leader of a higher ballot retries with a higher one after this long
 * @param uncertainTimeoutTicks a participant that voted yes and heard no outcome this long leads
 * @param acceptors           the 2F + 1 acceptors of every transaction, or none: then each
 *                            transaction's participants are its acceptors (Gray and Lamport's co-location)
 */
public record PaxosCommit(int voteTimeoutTicks, int leaderTimeoutTicks, int uncertainTimeoutTicks, int[] acceptors)
    implements CommitProtocol {

    public PaxosCommit {
        if (voteTimeoutTicks < 1 || leaderTimeoutTicks < 1 || uncertainTimeoutTicks < 1) {
            throw new IllegalArgumentException("Paxos Commit's timeouts must be >= 1 tick, was " + voteTimeoutTicks + "/"
                + leaderTimeoutTicks + "/" + uncertainTimeoutTicks);
        }
        acceptors = acceptors.clone();
        java.util.Arrays.sort(acceptors);
        if (acceptors.length % 2 == 0 && acceptors.length > 0) {
            throw new IllegalArgumentException("Paxos Commit wants 2F + 1 acceptors, an odd number, was "
                + java.util.Arrays.toString(acceptors));
        }
    }

    /** Vote timeout 20 ticks, leader retry 12, uncertainty 30; each transaction's participants are its acceptors. */
    public static PaxosCommit defaults() {
        return new PaxosCommit(20, 12, 30, new int[0]);
    }

    /** The same, with a fixed set of 2F + 1 acceptors for every transaction (a two-shard transfer then still tolerates F crashes). */
    public PaxosCommit withAcceptors(int... nodes) {
        return new PaxosCommit(voteTimeoutTicks, leaderTimeoutTicks, uncertainTimeoutTicks, nodes);
    }

    @Override
    public int[] acceptors() {
        return acceptors.clone();
    }

    /** The acceptors of a transaction with these participants: the configured ones, or the participants themselves. */
    int[] acceptorsOf(int[] participants) {
        return acceptors.length > 0 ? acceptors.clone() : participants;
    }

    @Override
    public String name() {
        return acceptors.length == 0 ? "paxos-commit" : "paxos-commit" + java.util.Arrays.toString(acceptors).replace(" ", "");
    }

    @Override
    public CommitCore create(CommitContext context) {
        return new PaxosCommitCore(context, this);
    }

    @Override
    public MessageCodec codec() {
        return new PaxosCommitCodec();
    }
}
