package io.synod.examples.coordination.service;

import io.synod.examples.coordination.server.CoordinationMain;
import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A zoo.cfg with one {@code server.N} line runs standalone, as ZooKeeper does with {@code standaloneEnabled=true}
 * (its default): it serves while another socket holds its peer and election ports (so it opens neither), and its
 * data directory is the one that server has as a one-member cluster ({@code standaloneEnabled=false}, which
 * does open the peer port).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneServerLineTest {

    @TempDir
    Path dir;

    @Test
    void oneServerLineServesWithoutPeerPortsOnTheDataDirOfAOneServerCluster() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket peer = new ServerSocket(0, 1, loopback); ServerSocket election = new ServerSocket(0, 1, loopback)) {
            String line = "server.3=127.0.0.1:" + peer.getLocalPort() + ":" + election.getLocalPort();
            ServerConfig standalone = config(line, "myid=3\n");
            assertFalse(standalone.isCluster(), "one server line is standalone");
            assertEquals(3, standalone.myId(), "it keeps its line's id");
            List<CoordinationNode> nodes = CoordinationMain.start(standalone, 0);
            try {
                assertEquals(3, nodes.get(0).replica().self());
                try (ZooKeeper zk = connect(nodes.get(0))) {
                    zk.create("/standalone", new byte[] {7}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
            } finally {
                nodes.forEach(CoordinationNode::close);
            }
        }
        // The ports are free again: the same line as a one-member cluster binds its peer port and finds the znode.
        int peerPort = freePort();
        ServerConfig cluster = config("server.3=127.0.0.1:" + peerPort + ":" + freePort(), "myid=3\nstandaloneEnabled=false\n");
        assertTrue(cluster.isCluster(), "standaloneEnabled=false keeps a one-server cluster");
        List<CoordinationNode> nodes = CoordinationMain.start(cluster, 0);
        try {
            assertThrows(IOException.class, () -> new ServerSocket(peerPort, 1, InetAddress.getLoopbackAddress()).close(),
                "the cluster member holds its peer port");
            LocalCluster.await("a leader", () -> nodes.get(0).replica().status().isLeader());
            try (ZooKeeper zk = connect(nodes.get(0))) {
                assertArrayEquals(new byte[] {7}, zk.getData("/standalone", false, null), "the same data directory");
            }
        } finally {
            nodes.forEach(CoordinationNode::close);
        }
    }

    @Test
    void anObserverAsTheOnlyLineOrAnotherMyidIsRefused() {
        IllegalArgumentException observer = assertThrows(IllegalArgumentException.class,
            () -> config("server.1=127.0.0.1:2888:3888:observer", "peerType=observer\n"));
        assertTrue(observer.getMessage().contains("observer"), observer.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
            () -> config("server.1=127.0.0.1:2888:3888", "myid=2\n"));
        assertTrue(other.getMessage().contains("myid 2 has no server.2 line"), other.getMessage());
    }

    private ServerConfig config(String line, String extra) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader("tickTime=2000\ndataDir=" + dir.resolve("data") + "\nclientPort=0\n" + line + "\n" + extra));
        return ServerConfig.from(p, w -> { });
    }

    private static ZooKeeper connect(CoordinationNode node) throws Exception {
        InetSocketAddress a = node.clientAddress();
        return Clients.connect(a.getHostString() + ":" + a.getPort(), 30_000).zk();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
