package io.synod.api.commit;

/**
 * What a commit core asks its driver to do to the node's {@link TransactionalResource}. A core
 * does no I/O and runs no user code, so it asks; the driver calls the resource after the batch
 * that asked is durable and its messages are sent, and hands a prepare's vote back to the core
 * through {@link CommitCore#resourceVoted}.
 */
public sealed interface ResourceCall {

    /** The transaction concerned. */
    TransactionId transaction();

    /** Ask the resource to vote on its part ({@link TransactionalResource#prepare}). */
    record Prepare(TransactionId transaction, byte[] part) implements ResourceCall {
    }

    /**
     * After a restart: this node had voted yes on the transaction and no outcome is recorded, so
     * the resource must hold again what the yes promised ({@link TransactionalResource#restorePrepared}).
     */
    record Restore(TransactionId transaction, byte[] part) implements ResourceCall {
    }

    /** The transaction committed: {@link TransactionalResource#commit}. */
    record Commit(TransactionId transaction) implements ResourceCall {
    }

    /** The transaction aborted: {@link TransactionalResource#abort}. */
    record Abort(TransactionId transaction) implements ResourceCall {
    }
}
