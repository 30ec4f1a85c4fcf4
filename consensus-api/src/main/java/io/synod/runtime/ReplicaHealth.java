package io.synod.runtime;

/**
 * How a replica is doing, for operators and tests: whether it runs, why it stopped, and what it
 * has counted. A value, taken at one moment; {@link Replica#health()} gives a fresh one.
 *
 * @param state           running, stopped on an error, or closed
 * @param failure         the error that stopped the replica, or {@code null}
 * @param invalidMessages messages from peers that were dropped: addressed to another node, from
 *                        a node outside the cluster, or refused by the protocol core
 * @param digestsCompared other replicas' digest reports compared with this replica's own digest
 * @param divergences     replicas (this one included) found to have applied state that differs
 *                        from a majority's, and disagreements no majority could settle
 * @param leaderChanges   times this replica saw leadership pass to another node
 */
public record ReplicaHealth(State state, Throwable failure, long invalidMessages, long digestsCompared, long divergences,
                            long leaderChanges) {

    /** Where a replica is in its life. */
    public enum State {
        /** Taking requests and messages. */
        RUNNING,
        /**
         * Stopped for good on an error — a store, the core or the state machine failed, or its
         * applied state diverged: it sends nothing more and refuses every request. Close it.
         */
        STOPPED,
        /** Closed by its owner; its thread has ended and its edges are released. */
        CLOSED
    }

    /** True while the replica runs. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }
}
