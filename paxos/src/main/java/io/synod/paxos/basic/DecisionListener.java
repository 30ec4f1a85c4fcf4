package io.synod.paxos.basic;

import io.synod.api.Effects;

/**
 * Told by the node's learner whenever it finds out a decision, so that the node's proposer
 * stops working on decided slots without learning everything twice.
 */
interface DecisionListener {

    /** {@code value} was chosen in {@code slot}. */
    void onDecided(long slot, byte[] value, Effects effects);

    /** Every slot up to {@code slot} is decided (a snapshot covered them). */
    void onDecidedThrough(long slot, Effects effects);

    /** The learner is stuck before {@code slot}: nobody it asked knows that slot's decision. */
    default void onGap(long slot, Effects effects) {
    }
}
