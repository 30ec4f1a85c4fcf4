package io.synod.runtime;

/**
 * Hears this replica become leader and stop leading, on the replica thread, as its protocol core
 * reports it after a duty cycle. Leadership is a belief, not a lease: an old leader may not know
 * yet that a new one was elected, so nothing that needs exclusivity may rest on it alone — order
 * such decisions through the log. It must not block; an exception stops the replica.
 */
@FunctionalInterface
public interface LeadershipListener {

    /**
     * @param leading true when this replica now leads, false when it stopped
     * @param term    the core's term (ballot, epoch) at the change
     */
    void onLeadership(boolean leading, long term);
}
