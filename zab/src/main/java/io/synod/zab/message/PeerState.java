package io.synod.zab.message;

/** What a peer is doing, as ZooKeeper's {@code QuorumPeer.ServerState} names it. */
public enum PeerState {
    /** Electing a leader (a voter without one). */
    LOOKING,
    /** Following an elected leader. */
    FOLLOWING,
    /** Leading an epoch. */
    LEADING,
    /** A non-voting learner (an observer, or a voter re-learning a damaged log). */
    OBSERVING
}
