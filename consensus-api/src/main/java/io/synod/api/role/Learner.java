package io.synod.api.role;

/**
 * Finds out which values were chosen and hands them, in order, to the state machine via
 * {@code Effects.commit}. The Paxos learner; the ZAB follower's and observer's commit side.
 */
public interface Learner extends Role {

    /** The highest index this learner knows to be chosen. */
    long chosenIndex();
}
