package io.synod.examples.coordination.service;

import io.synod.api.Protocol;
import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.CoordinationService;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.MemoryStorage;
import io.synod.transport.InJvmNetwork;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Coordination servers in this JVM over an in-JVM network, each with its client port on 127.0.0.1:0. */
final class LocalCluster implements AutoCloseable {

    static final CoordinationService.Timeouts TIMEOUTS = new CoordinationService.Timeouts(1_000, 60_000);

    private final InJvmNetwork network = new InJvmNetwork();
    private final int[] members;
    private final MemoryStorage[] storage;
    private final CoordinationNode[] nodes;

    private final ReplicaConfig config;
    private final Protocol protocol;
    private CoordinationNode.Tools tools = CoordinationNode.Tools.embedded();

    private LocalCluster(int size, ReplicaConfig config, Protocol protocol) {
        this.config = config;
        this.protocol = protocol;
        members = new int[size];
        storage = new MemoryStorage[size + 1];
        nodes = new CoordinationNode[size + 1];
        for (int i = 0; i < size; i++) {
            members[i] = i + 1;
            storage[i + 1] = new MemoryStorage();
        }
    }

    static LocalCluster of(int size) throws InterruptedException {
        return of(size, ReplicaConfig.defaults());
    }

    static LocalCluster of(int size, ReplicaConfig config) throws InterruptedException {
        return of(size, config, MultiPaxos.builder().build());
    }

    static LocalCluster of(int size, Replication replication) throws InterruptedException {
        return of(size, ReplicaConfig.defaults(), replication.protocol());
    }

    static LocalCluster of(int size, ReplicaConfig config, Replication replication) throws InterruptedException {
        return of(size, config, replication.protocol());
    }

    static LocalCluster of(int size, ReplicaConfig config, Protocol protocol) throws InterruptedException {
        return of(size, config, protocol, CoordinationNode.Tools.embedded());
    }

    /** Nodes with these operator tools (whitelisted four-letter words...). */
    static LocalCluster of(int size, ReplicaConfig config, Protocol protocol, CoordinationNode.Tools tools)
            throws InterruptedException {
        LocalCluster cluster = new LocalCluster(size, config, protocol);
        cluster.tools = tools;
        for (int id : cluster.members) {
            cluster.startNode(id);
        }
        await("a leader", () -> cluster.leader() > 0);
        return cluster;
    }

    CoordinationNode startNode(int id) {
        nodes[id] = CoordinationNode.start(new CoordinationNode.Settings(id, members, protocol,
            network.join(id), storage[id], new InetSocketAddress("127.0.0.1", 0), TIMEOUTS, "test-secret",
            TreeConfig.DEFAULT, config), tools);
        return nodes[id];
    }

    void stop(int id) {
        nodes[id].close();
        nodes[id] = null;
    }

    InJvmNetwork network() {
        return network;
    }

    CoordinationNode node(int id) {
        return nodes[id];
    }

    int leader() {
        for (int id : members) {
            if (nodes[id] != null && nodes[id].replica().status().isLeader()) {
                return id;
            }
        }
        return -1;
    }

    /** host:port of one node. */
    String connectString(int id) {
        InetSocketAddress a = nodes[id].clientAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /** host:port of every running node. */
    String connectString() {
        List<String> all = new ArrayList<>();
        for (int id : members) {
            if (nodes[id] != null) {
                all.add(connectString(id));
            }
        }
        return all.stream().collect(Collectors.joining(","));
    }

    /** Polls a condition with a generous bound (a loaded 2-core machine). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 60 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        for (int id : members) {
            if (nodes[id] != null) {
                nodes[id].close();
            }
        }
    }
}
