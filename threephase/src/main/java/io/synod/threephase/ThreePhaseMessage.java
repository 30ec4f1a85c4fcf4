package io.synod.threephase;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;

import java.util.Arrays;

/** The messages of three-phase commit (Skeen's names) and of its termination protocol; every one names its transaction. */
public sealed interface ThreePhaseMessage extends Message {

    TransactionId transaction();

    /** Coordinator to participant: can you commit your part? It names every participant, for the termination protocol. */
    record CanCommit(TransactionId transaction, int[] participants, byte[] part) implements ThreePhaseMessage {
        public CanCommit {
            participants = participants.clone();
        }

        @Override
        public int[] participants() {
            return participants.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CanCommit c && c.transaction.equals(transaction) && Arrays.equals(c.participants, participants)
                && Arrays.equals(c.part, part);
        }

        @Override
        public int hashCode() {
            return transaction.hashCode() * 31 + Arrays.hashCode(part);
        }

        @Override
        public String toString() {
            return "CanCommit[" + transaction + ", participants " + Arrays.toString(participants) + ", " + part.length + " bytes]";
        }
    }

    /** Participant to coordinator: yes, or no with the resource's reason. */
    record Vote(TransactionId transaction, boolean yes, String reason) implements ThreePhaseMessage {
    }

    /**
     * Coordinator (ballot {@link Ballot#ZERO}) or a termination leader to participant: every
     * participant voted yes; be ready to commit.
     */
    record PreCommit(TransactionId transaction, Ballot ballot) implements ThreePhaseMessage {
    }

    /** Participant to whoever sent the PRECOMMIT: recorded. */
    record Ack(TransactionId transaction, Ballot ballot) implements ThreePhaseMessage {
    }

    /** The decision: commit. */
    record DoCommit(TransactionId transaction) implements ThreePhaseMessage {
    }

    /** The decision: abort. */
    record Abort(TransactionId transaction) implements ThreePhaseMessage {
    }

    /** Participant to coordinator: committed, stop announcing. */
    record HaveCommitted(TransactionId transaction) implements ThreePhaseMessage {
    }

    /** A participant that timed out, as the termination protocol's new coordinator: what is your state? */
    record StateRequest(TransactionId transaction, Ballot ballot) implements ThreePhaseMessage {
    }

    /** Answer to a state request, under its ballot. */
    record StateReport(TransactionId transaction, Ballot ballot, State state) implements ThreePhaseMessage {
    }

    /** A participant's state as the termination protocol sees it. */
    enum State {
        /** Aborted, or never voted and now never will. */
        ABORTED,
        /** Voted yes, heard nothing more. */
        UNCERTAIN,
        /** Received PRECOMMIT: everyone voted yes. */
        PRECOMMITTED,
        /** Committed. */
        COMMITTED
    }
}
