package io.synod.twophase;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;

import java.util.Arrays;

/** The messages of two-phase commit; every one names its transaction. */
public sealed interface TwoPhaseMessage extends Message {

    TransactionId transaction();

    /**
     * Coordinator to participant: vote on your part. It names every participant, so that an
     * uncertain participant knows whom to ask (cooperative termination).
     */
    record Prepare(TransactionId transaction, int[] participants, byte[] part) implements TwoPhaseMessage {
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

    /** Participant to coordinator: its vote; a no carries the resource's reason. */
    record Vote(TransactionId transaction, boolean yes, String reason) implements TwoPhaseMessage {
    }

    /** Coordinator (or a peer that knows) to participant: the outcome. */
    record Decision(TransactionId transaction, boolean commit) implements TwoPhaseMessage {
    }

    /** Participant to coordinator: the commit is recorded here, stop announcing it to me. */
    record Ack(TransactionId transaction) implements TwoPhaseMessage {
    }

    /** An uncertain participant asks its coordinator, then its peers too: what was decided? */
    record DecisionRequest(TransactionId transaction) implements TwoPhaseMessage {
    }
}
