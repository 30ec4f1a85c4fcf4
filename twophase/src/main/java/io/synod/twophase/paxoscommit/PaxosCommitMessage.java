package io.synod.twophase.paxoscommit;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;

import java.util.Arrays;
import java.util.List;

/**
 * The messages of Paxos Commit (Gray and Lamport, 2006). Each participant's vote is one Paxos
 * instance, named by the transaction and the participant ({@code rm}); the participant itself
 * proposes in ballot {@link Ballot#ZERO}, which needs no phase 1.
 */
public sealed interface PaxosCommitMessage extends Message {

    TransactionId transaction();

    /** Coordinator to participant: vote on your part. It names every participant: they are also the acceptors. */
    record Prepare(TransactionId transaction, int[] participants, byte[] part) implements PaxosCommitMessage {
        public Prepare {
            participants = participants.clone();
        }

        @Override
        public int[] participants() {
            return participants.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prepare p && p.transaction.equals(transaction) && Arrays.equals(p.participants, participants)
                && Arrays.equals(p.part, part);
        }

        @Override
        public int hashCode() {
            return transaction.hashCode() * 31 + Arrays.hashCode(part);
        }

        @Override
        public String toString() {
            return "Prepare[" + transaction + ", participants " + Arrays.toString(participants) + ", " + part.length + " bytes]";
        }
    }

    /** Proposer to acceptor: accept {@code prepared} (true: the participant can commit) for {@code rm}'s instance in {@code ballot}. */
    record Phase2a(TransactionId transaction, int rm, Ballot ballot, boolean prepared) implements PaxosCommitMessage {
    }

    /** Acceptor to the ballot's leader (the coordinator for ballot 0): accepted. */
    record Phase2b(TransactionId transaction, int rm, Ballot ballot, boolean prepared) implements PaxosCommitMessage {
    }

    /** A new leader to the acceptors: promise {@code ballot} for every instance of the transaction. */
    record Phase1a(TransactionId transaction, Ballot ballot) implements PaxosCommitMessage {
    }

    /** Acceptor to leader: promised, with what it accepted so far. */
    record Phase1b(TransactionId transaction, Ballot ballot, List<Accepted> accepted) implements PaxosCommitMessage {
        public Phase1b {
            accepted = List.copyOf(accepted);
        }
    }

    /** What an acceptor accepted for one instance. */
    record Accepted(int rm, Ballot ballot, boolean prepared) {
    }

    /** Acceptor to a leader whose ballot is too low: it promised {@code promised}. */
    record Nack(TransactionId transaction, Ballot promised) implements PaxosCommitMessage {
    }

    /** The outcome, from whoever learned it. */
    record Decision(TransactionId transaction, boolean commit) implements PaxosCommitMessage {
    }
}
