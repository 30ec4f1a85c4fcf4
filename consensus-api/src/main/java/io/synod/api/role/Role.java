package io.synod.api.role;

import io.synod.api.Effects;
import io.synod.api.Envelope;

/**
 * One part a node plays in a protocol. A protocol core is one role or several composed on one
 * node (a Paxos replica is proposer, acceptor and learner at once; a ZAB follower is acceptor
 * and learner); the roles share the node's {@link Effects}, so everything they want persisted
 * goes to disk in one batch before any of their messages leaves.
 *
 * <p>Roles follow the core's rules: single-threaded, no I/O, no clock, no unseeded randomness.
 */
public interface Role {

    /**
     * Handles a message addressed to this node.
     *
     * @return true if the message was for this role; a composed core offers a message to its
     *         roles in turn until one takes it
     */
    boolean onMessage(Envelope envelope, Effects effects);

    /** One tick passed. */
    default void onTick(Effects effects) {
    }
}
