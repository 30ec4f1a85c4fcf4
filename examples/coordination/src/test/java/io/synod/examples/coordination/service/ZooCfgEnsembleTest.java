package io.synod.examples.coordination.service;

import io.synod.examples.coordination.server.CoordinationMain;
import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers started from ZooKeeper configuration files: ZooKeeper's own zoo_sample.cfg, and a
 * typical three-server zoo.cfg (no Synod key in it) plus an observer, over TCP on loopback.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ZooCfgEnsembleTest {

    @TempDir
    Path dir;

    private final List<CoordinationNode> nodes = new ArrayList<>();
    private final List<ZooKeeper> clients = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (ZooKeeper zk : clients) {
            zk.close();
        }
        for (CoordinationNode node : nodes) {
            node.close();
        }
    }

    private ZooKeeper client(CoordinationNode node) throws Exception {
        InetSocketAddress a = node.clientAddress();
        ZooKeeper zk = Clients.connect(a.getHostString() + ":" + a.getPort(), 30_000).zk();
        clients.add(zk);
        return zk;
    }

    @Test
    void zooKeepersSampleConfigurationStartsAServer() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/zookeeper/zoo_sample.cfg")) {
            p.load(in);
        }
        // Only where it writes and listens move: /tmp/zookeeper and port 2181 are shared on a build machine.
        p.setProperty("dataDir", dir.resolve("zookeeper").toString());
        p.setProperty("clientPort", "0");
        List<String> warnings = new ArrayList<>();
        nodes.addAll(CoordinationMain.start(ServerConfig.from(p, warnings::add), 0));
        assertEquals(List.of(), warnings);
        ZooKeeper zk = client(nodes.get(0));
        zk.create("/sample", "ok".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), zk.getData("/sample", false, null));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aTypicalThreeServerConfigurationWithAnObserverServesAndWritesThroughTheObserver() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int id = 1; id <= 4; id++) {
            lines.append("server.").append(id).append("=127.0.0.1:").append(freePort()).append(':').append(freePort())
                .append(id == 4 ? ":observer" : "").append('\n');
        }
        CoordinationNode[] byId = new CoordinationNode[5];
        for (int id = 1; id <= 4; id++) {
            Path data = dir.resolve("zk" + id);
            Files.createDirectories(data);
            Files.writeString(data.resolve("myid"), id + "\n");
            String cfg = """
                tickTime=2000
                initLimit=10
                syncLimit=5
                dataDir=%s
                clientPort=0
                clientPortAddress=127.0.0.1
                """.formatted(data) + lines + (id == 4 ? "peerType=observer\n" : "");
            Properties p = new Properties();
            p.load(new StringReader(cfg));
            ServerConfig config = ServerConfig.from(p, w -> { });
            assertEquals(id == 4, config.isObserver());
            byId[id] = CoordinationMain.start(config, 0).get(0);
            nodes.add(byId[id]);
        }
        LocalCluster.await("a leader among the voters", () -> leader(byId) > 0);
        assertFalse(byId[4].replica().status().isLeader(), "an observer never leads");

        ZooKeeper viaObserver = client(byId[4]);
        ZooKeeper viaVoter = client(byId[1]);
        viaObserver.create("/through-observer", new byte[] {1}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        viaVoter.sync("/", null, null);
        assertArrayEquals(new byte[] {1}, viaVoter.getData("/through-observer", false, null));
        viaVoter.create("/through-voter", new byte[] {2}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        awaitSync(viaObserver);
        assertArrayEquals(new byte[] {2}, viaObserver.getData("/through-voter", false, null), "the observer learns writes");

        byId[4].close();
        nodes.remove(byId[4]);
        viaVoter.create("/after-observer", new byte[] {3}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        int leader = leader(byId);
        int other = leader == 1 ? 2 : 1;
        byId[other].close();
        nodes.remove(byId[other]);
        ZooKeeper survivor = client(byId[6 - leader - other]);
        survivor.create("/two-voters", new byte[] {4}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertTrue(survivor.exists("/after-observer", false) != null);
    }

    private static void awaitSync(ZooKeeper zk) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        zk.sync("/", (rc, path, ctx) -> done.countDown(), null);
        assertTrue(done.await(60, TimeUnit.SECONDS), "sync answered");
    }

    private static int leader(CoordinationNode[] byId) {
        for (int id = 1; id <= 3; id++) {
            if (byId[id] != null && byId[id].replica().status().isLeader()) {
                return id;
            }
        }
        return -1;
    }
}
