package io.synod.zab;

/**
 * Deliberate breaches of ZAB, switched on only by calibration tests to prove that the simulator's
 * checks notice each one. {@link #NONE} in every real configuration.
 */
enum Flaw {
    /** The real protocol. */
    NONE,
    /** The leader commits a proposal as soon as it holds it itself, without a quorum of ACKs. */
    COMMIT_WITHOUT_QUORUM,
    /** A follower acknowledges a proposal before its fsync (the ACK leaves as an early message). */
    ACK_BEFORE_FSYNC,
    /** Synchronisation never truncates: a follower keeps a divergent tail under the new history. */
    SKIP_TRUNC,
    /** The leader commits its history and broadcasts before a quorum acknowledged NEWLEADER. */
    BROADCAST_BEFORE_NEWLEADER_QUORUM,
    /** Elections rank votes by log length alone, ignoring epochs. */
    ELECT_BY_INDEX,
    /** The leader answers a linearizable read from its commit index without confirming it still leads. */
    READ_WITHOUT_CONFIRMATION
}
