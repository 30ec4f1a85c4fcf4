package io.synod.benchmarks.compare;

import io.synod.benchmarks.group.ReplicaGroup;

/**
 * One configuration measured: a protocol with {@code n} replicas (or participants), a network, a
 * storage, batching on or off, and a closed loop of {@code clients} outstanding operations.
 * Commit protocols run over the in-JVM network and ignore {@code maxBatch}.
 */
public record Scenario(String protocol, int n, ReplicaGroup.Network network, ReplicaGroup.Storage storage, int maxBatch,
                       int clients) {

    /** Batching on: up to this many commands share a log entry. */
    public static final int BATCH_ON = 1024;

    public Scenario {
        if (Protocols.isCommit(protocol) && network != ReplicaGroup.Network.IN_JVM) {
            throw new IllegalArgumentException("commit protocols run over the in-JVM network only, not " + network.label());
        }
        if (n < 1 || clients < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("n, clients and maxBatch must be positive: " + n + ", " + clients + ", " + maxBatch);
        }
    }

    /** A log protocol scenario with batching on. */
    public static Scenario log(String protocol, int n, ReplicaGroup.Network network, ReplicaGroup.Storage storage, int clients) {
        return new Scenario(protocol, n, network, storage, BATCH_ON, clients);
    }

    /** A commit protocol scenario ({@code n} participants). */
    public static Scenario commit(String protocol, int n, ReplicaGroup.Storage storage, int clients) {
        return new Scenario(protocol, n, ReplicaGroup.Network.IN_JVM, storage, 1, clients);
    }

    /** True when batching is on (log protocols only). */
    public boolean batching() {
        return !Protocols.isCommit(protocol) && maxBatch > 1;
    }

    /** The configuration without the protocol, as the report's columns show it. */
    public String setup() {
        String batch = Protocols.isCommit(protocol) ? "-" : batching() ? "on" : "off";
        return "n=" + n + ", " + network.label() + ", " + storage.label() + ", batch " + batch;
    }

    /** A one-line name. */
    public String label() {
        return protocol + " " + setup() + ", " + clients + " clients";
    }
}
