package io.synod.api.role;

import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.Transaction;

/**
 * Drives the decision of an atomic commit (2PC, 3PC; the transaction manager of Paxos Commit):
 * asks every participant of a transaction to vote, decides — commit only if every participant
 * voted yes, abort on any no or on a timeout — records the decision durably before announcing
 * it, re-announces it to participants that have not acknowledged it (also after its own restart,
 * from its records), and reports the typed outcome to the caller through
 * {@link CommitEffects#outcome}, exactly once per begin.
 */
public interface Coordinator extends CommitRole {

    /** Starts the protocol for {@code transaction}, which this node coordinates. */
    void begin(Transaction transaction, CommitEffects effects);
}
