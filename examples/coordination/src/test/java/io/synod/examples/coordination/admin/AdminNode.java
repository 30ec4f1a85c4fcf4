package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.CoordinationService;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One standalone server on a data directory, with its tools, for the admin tests. */
final class AdminNode implements AutoCloseable {

    final CoordinationNode node;

    AdminNode(Path dir, AdminConfig admin, int maxClientCnxns) throws InterruptedException {
        this(dir, admin, maxClientCnxns, TreeConfig.DEFAULT);
    }

    AdminNode(Path dir, AdminConfig admin, int maxClientCnxns, TreeConfig tree) throws InterruptedException {
        node = CoordinationNode.start(new CoordinationNode.Settings(1, new int[] {1}, MultiPaxos.builder().build(),
            new InJvmNetwork().join(1), FileStorage.open(dir, StorageOptions.defaults()), new InetSocketAddress("127.0.0.1", 0),
            new CoordinationService.Timeouts(1_000, 60_000), "admin-test", tree, ReplicaConfig.defaults()),
            new CoordinationNode.Tools(admin, maxClientCnxns, Map.of("tickTime", 2000)));
        await("a leader", () -> node.replica().status().isLeader());
    }

    String host() {
        return node.clientAddress().getHostString();
    }

    int port() {
        return node.clientAddress().getPort();
    }

    ZooKeeper connect() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(host() + ":" + port(), 30_000, (WatchedEvent e) -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected && e.getType() == Watcher.Event.EventType.None) {
                connected.countDown();
            }
        });
        if (!connected.await(60, TimeUnit.SECONDS)) {
            zk.close();
            throw new AssertionError("no connection within 60 s");
        }
        return zk;
    }

    /** Polls {@code condition} for up to 60 s (a generous bound on a loaded machine). */
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
        node.close();
    }
}
