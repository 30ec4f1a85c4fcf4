package io.synod.examples.coordination.service;

import java.util.EnumMap;
import java.util.Map;

/**
 * One cluster per protocol, started when a test first asks for it and shared by the tests of a class
 * (each test works under paths of its own), so that running every test on every protocol starts two
 * clusters, not one per test.
 */
final class ClustersByProtocol implements AutoCloseable {

    private final int size;
    private final Map<Replication, LocalCluster> started = new EnumMap<>(Replication.class);

    ClustersByProtocol(int size) {
        this.size = size;
    }

    synchronized LocalCluster of(Replication replication) throws InterruptedException {
        LocalCluster cluster = started.get(replication);
        if (cluster == null) {
            cluster = LocalCluster.of(size, replication);
            started.put(replication, cluster);
        }
        return cluster;
    }

    @Override
    public synchronized void close() {
        started.values().forEach(LocalCluster::close);
        started.clear();
    }
}
