package io.synod.examples.coordination.service;

import io.synod.examples.coordination.server.CoordinationMain;
import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.ServerConfig;
import io.synod.transport.tcp.HandshakeRefusal;
import io.synod.transport.tcp.TcpTransport;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZooKeeper's quorum TLS keys ({@code sslQuorum=true}, {@code ssl.quorum.keyStore.*}, {@code ssl.quorum.trustStore.*})
 * secure the servers' connections: three servers on loopback, two of them with the ensemble's trust store, serve a
 * write; the third, whose trust store trusts only a stranger, is refused in the TLS handshake by both sides and
 * learns nothing. Stores that are missing or not opened by their password are refused naming the key.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PeerTlsEnsembleTest {

    @TempDir
    static Path certDir;
    static PeerCertificates certs;

    @TempDir
    Path dir;

    private final List<CoordinationNode> nodes = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        certs = new PeerCertificates(certDir);
    }

    @AfterEach
    void close() {
        nodes.forEach(CoordinationNode::close);
    }

    @Test
    void tlsPeersServeAWriteAndAPeerWithAWrongTrustStoreCannotJoin() throws Exception {
        String lines = serverLines(3);
        CoordinationNode[] byId = new CoordinationNode[4];
        for (int id = 1; id <= 3; id++) {
            Path trust = id == 3 ? certs.strangerTrust : certs.trust;
            List<String> warnings = new ArrayList<>();
            ServerConfig config = config(id, lines + tls(certs.node, PeerCertificates.PASSWORD, trust), warnings);
            assertEquals(List.of(), warnings, "ZooKeeper's quorum TLS keys are all read");
            byId[id] = CoordinationMain.start(config, 0).get(0);
            nodes.add(byId[id]);
        }
        LocalCluster.await("a leader among servers 1 and 2",
            () -> byId[1].replica().status().isLeader() || byId[2].replica().status().isLeader());
        InetSocketAddress a = byId[1].clientAddress();
        try (ZooKeeper zk = Clients.connect(a.getHostString() + ":" + a.getPort(), 30_000).zk()) {
            zk.create("/over-tls", new byte[] {1}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertArrayEquals(new byte[] {1}, zk.getData("/over-tls", false, null));
        }
        TcpTransport three = (TcpTransport) byId[3].transport();
        TcpTransport one = (TcpTransport) byId[1].transport();
        LocalCluster.await("TLS refusals on server 3 and on server 1",
            () -> three.metrics().refusals().get(HandshakeRefusal.TLS) > 0 && one.metrics().refusals().get(HandshakeRefusal.TLS) > 0);
        assertEquals(0, three.metrics().peer(1).connects(), "server 3 never connected to server 1");
        assertEquals(0, three.metrics().peer(2).connects(), "server 3 never connected to server 2");
        assertTrue(byId[3].replica().appliedIndex() < byId[1].replica().appliedIndex(), "server 3 learnt nothing");
    }

    @Test
    void storesThatCannotBeOpenedAreRefusedNamingTheKey() throws Exception {
        String lines = serverLines(2);
        String good = tls(certs.node, PeerCertificates.PASSWORD, certs.trust);
        refused(lines + "sslQuorum=true\n", "ssl.quorum.keyStore.location");
        refused(lines + good.replace(certs.trust.toString(), dir.resolve("absent.p12").toString()),
            "ssl.quorum.trustStore.location", "absent.p12");
        refused(lines + good.replace("ssl.quorum.keyStore.password=" + PeerCertificates.PASSWORD,
            "ssl.quorum.keyStore.password=wrong"), "ssl.quorum.keyStore.password");
        Path notAStore = Files.writeString(dir.resolve("not-a-store.p12"), "hello");
        refused(lines + good.replace(certs.node.toString(), notAStore.toString()), "ssl.quorum.keyStore.location",
            "not-a-store.p12");
        List<String> warnings = new ArrayList<>();
        ServerConfig plain = config(1, lines + good.replace("sslQuorum=true", "sslQuorum=false")
            + "ssl.quorum.enabledProtocols=TLSv1.3\n", warnings);
        assertNull(plain.peerTls(), "sslQuorum=false: plain TCP");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("ssl.quorum.enabledProtocols")), warnings.toString());
    }

    private void refused(String cfg, String... expected) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(1, cfg, new ArrayList<>()));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private static String tls(Path keyStore, String password, Path trustStore) {
        return "sslQuorum=true\n"
            + "ssl.quorum.keyStore.location=" + keyStore + "\n"
            + "ssl.quorum.keyStore.password=" + password + "\n"
            + "ssl.quorum.trustStore.location=" + trustStore + "\n"
            + "ssl.quorum.trustStore.password=" + PeerCertificates.PASSWORD + "\n";
    }

    private ServerConfig config(int id, String rest, List<String> warnings) throws IOException {
        Path data = dir.resolve("zk" + id);
        Properties p = new Properties();
        p.load(new StringReader("tickTime=2000\ndataDir=" + data + "\nclientPort=0\nmyid=" + id
            + "\nsecret=peer-tls-test-secret\n" + rest));
        return ServerConfig.from(p, warnings::add);
    }

    private static String serverLines(int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int id = 1; id <= count; id++) {
            lines.append("server.").append(id).append("=127.0.0.1:").append(freePort()).append(':').append(freePort()).append('\n');
        }
        return lines.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
