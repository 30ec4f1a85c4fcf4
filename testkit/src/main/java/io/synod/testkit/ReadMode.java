package io.synod.testkit;

/** How simulated clients read. */
public enum ReadMode {
    /** Reads are commands: ordered through the log like writes. Every protocol supports this. */
    LOG,
    /**
     * Reads ask the core ({@code ProtocolCore.read}) for a read index, wait until the node has
     * applied it and query the state machine there (ReadIndex, as Multi-Paxos and Raft do it).
     */
    READ_INDEX,
    /**
     * Reads are answered from the state of whichever node the client asks, replica or observer,
     * without the core: ZooKeeper's local reads. Each client carries the highest log index it has
     * seen in an answer (ZooKeeper's last zxid) and a node answers only once it has applied that
     * far ({@code readLocal(minIndex, query)}), so a client never sees older state than it saw
     * or wrote before. Such reads are not linearizable: the run checks the writes for
     * linearizability and the whole history for sequential consistency with the log's order
     * ({@link io.synod.testkit.lin.SequentialConsistencyChecker}). Every protocol supports this.
     */
    LOCAL
}
