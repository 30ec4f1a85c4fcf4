package io.synod.examples.coordination.service;

import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.DataDirPurge;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server's data directory purged down to three snapshots still restarts with every znode. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PurgeRestartTest {

    private static final int ZNODES = 300;

    @TempDir
    Path dir;

    private CoordinationNode start(int keep) {
        FileStorage storage = FileStorage.open(dir, dir.resolve("txlog"), StorageOptions.builder().segmentSize(512).snapshotRetention(keep).build());
        return CoordinationNode.start(new CoordinationNode.Settings(1, new int[] {1}, MultiPaxos.builder().build(),
            new InJvmNetwork().join(1), storage, new InetSocketAddress("127.0.0.1", 0), LocalCluster.TIMEOUTS,
            "test-secret", TreeConfig.DEFAULT, ReplicaConfig.defaults().withSnapshotEvery(25)));
    }

    private static String connect(CoordinationNode node) {
        return node.clientAddress().getHostString() + ":" + node.clientAddress().getPort();
    }

    private long snapshots() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".snap")).count();
        }
    }

    @Test
    void aPurgedDirectoryRestartsWithEveryZnode() throws Exception {
        try (CoordinationNode node = start(20)) {
            ZooKeeper zk = Clients.connect(connect(node), 30_000).zk();
            try {
                for (int i = 0; i < ZNODES; i++) {
                    zk.create("/n" + i, new byte[] {(byte) i}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
            } finally {
                zk.close();
            }
            LocalCluster.await("a fifth snapshot", () -> {
                try {
                    return snapshots() >= 5;
                } catch (Exception e) {
                    return false;
                }
            });
            IllegalStateException busy = assertThrows(IllegalStateException.class, () -> DataDirPurge.purge(dir, dir.resolve("txlog"), 3));
            assertTrue(busy.getMessage().contains("in use"), "a running server's directory is refused: " + busy.getMessage());
        }
        long before = snapshots();
        DataDirPurge.Result purged = DataDirPurge.purge(dir, dir.resolve("txlog"), 3);
        assertEquals(before - 3, purged.snapshotsDeleted());
        assertEquals(3, snapshots());
        assertTrue(purged.firstLogIndex() > 1, "log segments below the oldest kept snapshot went: " + purged);

        try (CoordinationNode node = start(3)) {
            ZooKeeper zk = Clients.connect(connect(node), 30_000).zk();
            try {
                List<String> children = zk.getChildren("/", false);
                for (int i = 0; i < ZNODES; i++) {
                    assertTrue(children.contains("n" + i), "n" + i + " is back after the purge");
                    assertEquals((byte) i, zk.getData("/n" + i, false, null)[0]);
                }
            } finally {
                zk.close();
            }
        }
    }

    @Test
    void theCommandLinePurgeNamesWhatItDidAndRefusesTooFewSnapshots() throws Exception {
        Files.createDirectories(dir);
        assertEquals(2, runPurge("--purge"));
        assertEquals(1, runPurge("--purge", dir.toString(), "-n", "2"));
        assertEquals(0, runPurge("--purge", dir.toString(), "-n", "3"));
    }

    private static int runPurge(String... args) throws Exception {
        java.lang.reflect.Method run = DataDirPurge.class.getDeclaredMethod("run", String[].class);
        run.setAccessible(true);
        return (int) run.invoke(null, (Object) args);
    }
}
