package io.synod.paxos.multi;

/**
 * Deliberate breaches of the protocol, for calibrating the simulator only: the verification
 * tests switch one on (through the package-private {@code MultiPaxos.Builder.flaw}) and assert
 * that the simulator catches it. No public configuration can reach them; {@link #NONE} is the
 * protocol as specified.
 */
enum Flaw {

    /** The protocol as specified. */
    NONE,

    /** An acceptor takes an Accept whose ballot lies below the ballot it promised. */
    ACCEPT_BELOW_PROMISE,

    /** The leader counts a slot chosen one acceptance short of a phase-2 quorum (n/2 of n). */
    COMMIT_SHORT_OF_QUORUM,

    /** A follower commits up to the leader's commit index without holding the leader's values there. */
    COMMIT_UNMATCHED_SLOTS,

    /** An acceptor's Accepted leaves as an early message, before the acceptance it reports is durable. */
    ACCEPTED_EARLY,

    /** A new leader serves ReadIndex reads before the slots it re-proposed after phase 1 are chosen. */
    READ_BEFORE_RECOVERY,

    /** With leases on, a replica that (re)starts promises at once, forgetting it may have backed a lease just before. */
    LEASE_FORGOTTEN_ON_RESTART
}
