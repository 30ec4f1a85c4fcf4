package io.synod.benchmarks.commit;

import io.synod.api.commit.TransactionId;
import io.synod.api.commit.TransactionalResource;
import io.synod.api.commit.Vote;

/** A resource that always votes yes and does nothing else: the benchmark measures the protocol, not the work. */
final class YesResource implements TransactionalResource {

    @Override
    public Vote prepare(TransactionId transaction, byte[] part) {
        return Vote.YES;
    }

    @Override
    public void commit(TransactionId transaction) {
    }

    @Override
    public void abort(TransactionId transaction) {
    }

    @Override
    public void restorePrepared(TransactionId transaction, byte[] part) {
    }
}
