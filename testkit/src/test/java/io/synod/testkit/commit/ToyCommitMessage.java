package io.synod.testkit.commit;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;

/** The toy two-phase commit's messages. */
sealed interface ToyCommitMessage extends Message {

    TransactionId transaction();

    /** Coordinator to participant: vote on your part. */
    record Prepare(TransactionId transaction, byte[] part) implements ToyCommitMessage {
    }

    /** Participant to coordinator: its vote; a yes sent again asks for the outcome. */
    record Voted(TransactionId transaction, boolean yes, String reason) implements ToyCommitMessage {
    }

    /** Coordinator to participant: the outcome. */
    record Decision(TransactionId transaction, boolean commit) implements ToyCommitMessage {
    }

    /** Participant to coordinator: the outcome is recorded here. */
    record Ack(TransactionId transaction) implements ToyCommitMessage {
    }
}
