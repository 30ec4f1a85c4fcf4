package io.synod.runtime;

/**
 * Called on the replica thread at every tick while this replica leads, with a {@link Proposer}
 * for commands of its own: the timers of a service (ZooKeeper's TTL and container nodes, say)
 * run here and propose what is due. It must not block; an exception stops the replica.
 */
@FunctionalInterface
public interface LeaderTick {

    void onTick(Proposer proposer);

    /**
     * Proposes commands outside any session ({@link io.synod.api.Command#NO_SESSION}): no future,
     * no retry, no deduplication. A command may be lost (a leader change) or applied more than
     * once (forwarded twice), so it must be conditional and idempotent — "delete node n if it
     * expired at or before log time t" — and the next tick proposes again what is still due.
     */
    interface Proposer {

        /** Proposes {@code command} to be ordered and applied. */
        void propose(byte[] command);

        /** The term of this replica's leadership. */
        long term();

        /** Log time as of the last entry applied here, ms since the epoch. */
        long logTime();
    }
}
