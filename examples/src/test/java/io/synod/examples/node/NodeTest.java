package io.synod.examples.node;

import io.synod.spi.IdentityMismatchException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nodes inside the test's JVM: the client protocol end to end, restarts, refusals. */
class NodeTest {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A one-member cluster: it leads itself, so every request is served at once. */
    private Properties solo(int peerPort, boolean admin) {
        Properties p = new Properties();
        p.setProperty("node.id", "1");
        p.setProperty("member.1", "127.0.0.1:" + peerPort);
        p.setProperty("data.dir", "data");
        p.setProperty("protocol", "multi-paxos");
        p.setProperty("cluster.id", "node-test");
        p.setProperty("cluster.secret", "node test secret, not a secret");
        p.setProperty("client.port", "0");
        p.setProperty("client.admin", String.valueOf(admin));
        p.setProperty("log.segment.bytes", "65536");
        p.setProperty("snapshot.every", "5");
        return p;
    }

    private Node start(Properties p) {
        Node node = Node.start(NodeConfig.from(p, dir));
        open.add(node);
        return node;
    }

    private NodeClient client(Node node) throws IOException {
        NodeClient c = NodeClient.connect(node.clientPort(), ANSWER);
        open.add(0, c);
        return c;
    }

    @Test
    void servesWritesReadsDigestAndStatus() throws IOException {
        Node node = start(solo(FreePorts.pick(1, 1).get(0), false));
        NodeClient c = client(node);
        assertEquals("OK ", c.request("PUT colour blue"), "no previous value");
        assertEquals("OK blue", c.request("PUT colour deep blue"), "the previous value");
        assertEquals("OK deep blue", c.request("GET colour"));
        assertEquals("OK deep blue", c.request("LOCAL-GET colour"));
        assertEquals("OK deep blue", c.request("DELETE colour"));
        assertEquals("OK ", c.request("GET colour"), "absent");
        String digest = c.request("DIGEST");
        assertTrue(digest.matches("OK \\d+ [0-9a-f]{64}"), digest);
        String status = c.request("STATUS");
        assertTrue(status.startsWith("OK node=1 state=RUNNING role=leader leader=1 "), status);
        assertTrue(c.request("FLY away").startsWith("ERR BAD_REQUEST unknown request 'FLY'"));
        assertTrue(c.request("PUT lonely").startsWith("ERR BAD_REQUEST PUT needs a key and a value"));
        assertTrue(c.request("GET two words").startsWith("ERR BAD_REQUEST a key holds no whitespace"));
        assertTrue(c.request("BLOCK 2").startsWith("ERR NOT_ALLOWED"), "partitions need client.admin=true");
    }

    @Test
    void adminRequestsNameOnlyPeers() throws IOException {
        List<Integer> ports = FreePorts.pick(2, 2);
        Properties p = solo(ports.get(0), true);
        p.setProperty("member.2", "127.0.0.1:" + ports.get(1));
        NodeClient c = client(start(p));
        assertTrue(c.request("BLOCK 1").startsWith("ERR BAD_REQUEST node 1 is not a peer"));
        assertTrue(c.request("BLOCK 7").startsWith("ERR BAD_REQUEST node 7 is not a peer"));
        assertEquals("OK", c.request("BLOCK 2"));
        assertEquals("OK", c.request("UNBLOCK 2"));
    }

    @Test
    void aRestartedNodeHasItsDataAndTheSameDigest() throws Exception {
        Properties p = solo(FreePorts.pick(1, 3).get(0), false);
        Node node = start(p);
        NodeClient c = client(node);
        for (int i = 0; i < 23; i++) {
            assertEquals("OK ", c.request("PUT key-" + i + " value-" + i));
        }
        String before = c.request("DIGEST");
        node.close();
        Node again = start(p);
        NodeClient d = client(again);
        Poll.until(() -> ask(d, "STATUS").contains("role=leader"), "the restarted node to lead again");
        assertEquals(before, d.request("DIGEST"), "restored from a snapshot (every 5 entries) and the log's tail");
        assertEquals("OK value-22", d.request("GET key-22"));
        assertEquals("OK value-0", d.request("GET key-0"));
    }

    @Test
    void aNodeOfAnotherClusterIsRefusedItsDataDirectory() {
        Properties p = solo(FreePorts.pick(1, 4).get(0), false);
        start(p).close();
        p.setProperty("cluster.id", "another");
        IdentityMismatchException e = assertThrows(IdentityMismatchException.class, () -> start(p));
        assertTrue(e.getMessage().contains("another") && e.getMessage().contains("node-test"), e.getMessage());
        p.setProperty("cluster.id", "node-test");
        start(p);
    }

    @Test
    void aPortInUseIsRefusedAndLeavesTheDataDirectoryFree() {
        List<Integer> ports = FreePorts.pick(1, 5);
        Properties p = solo(ports.get(0), false);
        Node first = start(p);
        Properties second = solo(ports.get(0), false);
        second.setProperty("data.dir", "data-2");
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(second));
        assertTrue(e.getMessage().contains("cannot listen") && e.getMessage().contains(String.valueOf(ports.get(0))), e.getMessage());
        first.close();
        Node retried = start(second);
        assertNotEquals(0, retried.clientPort(), "the refused start released data-2's lock");
    }

    /**
     * Nodes 1 and 2 write past several snapshots and keep no log below them, so node 3, started
     * late and empty, can only catch up from a snapshot: the runtime streams it in chunks over
     * TCP, on the transport channel of its own that the node registers beside the protocol's.
     */
    @Test
    void aLateNodeCatchesUpFromASnapshotStreamedOverTcp() throws Exception {
        List<Integer> ports = FreePorts.pick(3, 6);
        List<Properties> configs = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            Properties p = solo(ports.get(id - 1), false);
            p.setProperty("node.id", String.valueOf(id));
            for (int m = 1; m <= 3; m++) {
                p.setProperty("member." + m, "127.0.0.1:" + ports.get(m - 1));
            }
            p.setProperty("data.dir", "data-" + id);
            p.setProperty("log.retention", "0");
            configs.add(p);
        }
        NodeClient c = client(start(configs.get(0)));
        start(configs.get(1));
        Poll.until(() -> ask(c, "PUT warm up").startsWith("OK"), "nodes 1 and 2 to elect a leader and write");
        for (int i = 0; i < 30; i++) {
            assertTrue(c.request("PUT key-" + i + " value-" + i).startsWith("OK"));
        }
        NodeClient late = client(start(configs.get(2)));
        Poll.until(() -> ask(late, "LOCAL-GET key-29").equals("OK value-29"), "node 3 to catch up");
        assertEquals("OK value-0", late.request("LOCAL-GET key-0"), "what only the snapshot holds");
        Poll.until(() -> ask(late, "DIGEST").equals(ask(c, "DIGEST")), "node 3 to hold node 1's state");
    }

    private static String ask(NodeClient c, String request) {
        try {
            return c.request(request);
        } catch (IOException e) {
            return "";
        }
    }
}
