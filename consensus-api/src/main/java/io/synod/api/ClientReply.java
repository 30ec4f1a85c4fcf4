package io.synod.api;

/**
 * What a protocol core tells the driver about a client request other than "it was applied".
 * Applied commands need no reply from the core: the driver completes a command's future when
 * it applies the committed entry that carries it.
 */
public sealed interface ClientReply {

    /** Why a request was refused. */
    enum Reason {
        /** This node cannot order commands now; retry, preferably at {@code leaderHint}. */
        NOT_LEADER,
        /** The protocol decided against the request (an aborted transaction, for instance). */
        ABORTED,
        /** The node is shutting down or overloaded; retry later. */
        UNAVAILABLE
    }

    /** A command was refused before it was ordered; it will not be applied unless proposed again. */
    record Rejected(long clientId, long sequence, Reason reason, int leaderHint) implements ClientReply {
    }

    /**
     * A linearizable read may be served once the local state machine has applied
     * {@code index}: no write acknowledged before the read began lies above it.
     */
    record ReadReady(long readId, long index) implements ClientReply {
    }

    /** A linearizable read could not be confirmed here. */
    record ReadRejected(long readId, Reason reason, int leaderHint) implements ClientReply {
    }
}
