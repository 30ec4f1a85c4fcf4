package io.synod.api.role;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;

/**
 * One part a node plays in an atomic commit protocol: {@link Coordinator} or {@link Participant}.
 * Like a replication {@link Role}, but its effects go into a {@link CommitEffects} (records,
 * messages, resource calls, outcomes) rather than into a log's {@code Effects}.
 *
 * <p>Commit roles follow the core's rules: single-threaded, no I/O, no clock, no unseeded randomness.
 */
public interface CommitRole {

    /**
     * Handles a message addressed to this node.
     *
     * @return true if the message was for this role; a composed core offers a message to its
     *         roles in turn until one takes it
     */
    boolean onMessage(Envelope envelope, CommitEffects effects);

    /** One tick passed: timeouts, re-announcements, termination rounds. */
    default void onTick(CommitEffects effects) {
    }
}
