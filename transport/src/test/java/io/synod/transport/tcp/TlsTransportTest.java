package io.synod.transport.tcp;

import io.synod.api.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transports over TLS, with certificates generated for the test. */
class TlsTransportTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    private Loopback cluster;
    private TcpTransport other;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
    }

    @AfterEach
    void stop() {
        if (other != null) {
            other.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeNodesTalkOverMutualTlsLargeMessagesIncluded() {
        cluster = new Loopback(3, b -> b.tls(certs.config(certs.node)).maxFrameLength(2 << 20));
        Eventually.until(cluster::fullyConnected, () -> "three TLS nodes connect");
        byte[] large = new byte[1 << 20];
        new Random(1).nextBytes(large);
        for (int i = 0; i < 50; i++) {
            cluster.node(1).send(new Envelope(1, 3, new Note(i, new byte[i])));
        }
        cluster.node(1).send(new Envelope(1, 3, new Note(50, large)));
        cluster.node(3).send(new Envelope(3, 2, new Note(51)));
        List<Envelope> got = Loopback.receive(cluster.node(3), 51);
        for (int i = 0; i < 50; i++) {
            assertEquals(new Envelope(1, 3, new Note(i, new byte[i])), got.get(i));
        }
        assertArrayEquals(large, ((Note) got.get(50).message()).body(), "a 1 MiB message crosses many TLS records intact");
        assertEquals(new Envelope(3, 2, new Note(51)), Loopback.receive(cluster.node(2), 1).get(0));
    }

    @Test
    void aPlainNodeIsRefusedByATlsNode() {
        cluster = new Loopback(3, b -> b.tls(certs.config(certs.node)), 1);
        Eventually.until(cluster::fullyConnected, () -> "nodes 2 and 3 connect over TLS");
        other = TcpTransport.open(cluster.configFor(1, b -> b.tls(null)));
        other.send(new Envelope(1, 3, new Note(666)));
        TcpTransport three = cluster.node(3);
        Eventually.until(() -> three.metrics().refusals().get(HandshakeRefusal.TLS) > 0, () -> "" + three.metrics().refusals());
        assertEquals(0, three.metrics().peer(1).connects());
        assertEquals(0, other.metrics().peer(3).connects());
    }

    @Test
    void aNodeWithAnUntrustedCertificateIsRefused() {
        cluster = new Loopback(3, b -> b.tls(certs.config(certs.node)), 1);
        Eventually.until(cluster::fullyConnected, () -> "nodes 2 and 3 connect over TLS");
        other = TcpTransport.open(cluster.configFor(1, b -> b.tls(certs.config(certs.stranger))));
        other.send(new Envelope(1, 3, new Note(666)));
        TcpTransport three = cluster.node(3);
        Eventually.until(() -> three.metrics().refusals().get(HandshakeRefusal.TLS) > 0
            && other.metrics().refusals().get(HandshakeRefusal.TLS) > 0, () -> three.metrics().refusals() + " / " + other.metrics().refusals());
        assertEquals(0, three.metrics().peer(1).connects());
        cluster.node(2).send(new Envelope(2, 3, new Note(1)));
        assertEquals(Set.of(new Envelope(2, 3, new Note(1))), Set.copyOf(Loopback.receive(three, 1)));
    }

    @Test
    void theDialerChecksThatTheCertificateNamesTheAddressItDialed() {
        // Node 2 presents a trusted certificate for another host name.
        cluster = new Loopback(2, b -> b.tls(certs.config(certs.misnamed)), 1);
        other = TcpTransport.open(cluster.configFor(1, b -> b.tls(certs.config(certs.node))));
        Eventually.until(() -> other.metrics().refusals().get(HandshakeRefusal.TLS) > 0, () -> "" + other.metrics().refusals());
        assertEquals(0, other.metrics().peer(2).connects());
        other.close();
        other = TcpTransport.open(cluster.configFor(1, b -> b.tls(certs.config(certs.node).withVerifyHostname(false))));
        Eventually.until(() -> other.metrics().peer(2).connected(), () -> "without hostname verification it connects");
    }

    @Test
    void anUnreadableStoreIsNamed() {
        Path missing = dir.resolve("missing.p12");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TlsConfig.fromStores(missing, TestCertificates.PASSWORD, certs.trust, TestCertificates.PASSWORD));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        IllegalArgumentException wrongPassword = assertThrows(IllegalArgumentException.class,
            () -> TlsConfig.fromStores(certs.node, "wrong".toCharArray(), certs.trust, TestCertificates.PASSWORD));
        assertTrue(wrongPassword.getMessage().contains(certs.node.toString()), wrongPassword.getMessage());
    }
}
