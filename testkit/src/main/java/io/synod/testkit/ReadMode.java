package io.synod.testkit;

/** How simulated clients read. */
public enum ReadMode {
    /** Reads are commands: ordered through the log like writes. Every protocol supports this. */
    LOG,
    /**
     * Reads ask the core ({@code ProtocolCore.read}) for a read index, wait until the node has
     * applied it and query the state machine there (ReadIndex, as Multi-Paxos and Raft do it).
     */
    READ_INDEX
}
