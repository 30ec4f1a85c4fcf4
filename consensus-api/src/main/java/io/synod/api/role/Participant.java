package io.synod.api.role;

import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;

/**
 * Does its part of a transaction against the node's {@code TransactionalResource}: asked to
 * prepare, it has the driver ask the resource ({@link CommitEffects#prepare}) and hears the vote
 * back through {@link #resourceVoted}; it records a yes durably before sending it (a yes is a
 * promise it must keep after a crash), records the outcome before applying it
 * ({@link CommitEffects#commit}, {@link CommitEffects#abort}), and — uncertain after a yes —
 * waits, asks, or (3PC) decides by a termination rule in the states where that is safe.
 */
public interface Participant extends CommitRole {

    /** The resource answered the prepare asked for {@code transaction}. */
    void resourceVoted(TransactionId transaction, Vote vote, CommitEffects effects);
}
